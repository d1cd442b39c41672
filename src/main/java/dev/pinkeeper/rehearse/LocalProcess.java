package dev.pinkeeper.rehearse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A program started on this machine, its output in a log file, stopped by its PID (SIGTERM, then
 * SIGKILL). Errors quote the end of the log so that a failed start says why.
 */
public final class LocalProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private LocalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code workDir} with extra environment, stdout and stderr to {@code log}. */
    public static LocalProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            return new LocalProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0)
                    + "); run scripts/install-deps.sh", e);
        }
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until something accepts TCP connections on 127.0.0.1:{@code port}. */
    public void awaitPort(int port, Duration timeout) {
        boolean listening = awaitListening(port, timeout, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " before listening on port " + port + ":\n" + logTail());
            }
        });
        if (!listening) {
            throw new IllegalStateException(name + " does not listen on port " + port
                    + " after " + timeout + ":\n" + logTail());
        }
    }

    /** Waits for each of {@code ports} as {@link #awaitPort} does; stops the process before throwing. */
    public void awaitPorts(Duration timeout, int... ports) {
        try {
            for (int port : ports) {
                awaitPort(port, timeout);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Whether something accepts TCP connections on 127.0.0.1:{@code port} within {@code timeout}, trying
     * every 30 ms: for a program this class did not start (a daemon that forked away).
     * {@code beforeEachTry} may throw to give up early, e.g. when the program has exited.
     */
    public static boolean awaitListening(int port, Duration timeout, Runnable beforeEachTry) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            beforeEachTry.run();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /** The last 3000 characters of the log. */
    public String logTail() {
        String text = readLog(log);
        return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
    }

    /** The text of a log file (this one, or a program's own error log); empty while there is none. */
    public static String readLog(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable log " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the process by its PID: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        stop(process.toHandle());
    }

    /** Stops a process by its PID, also one this class did not start: SIGTERM, then SIGKILL after 10 s. */
    public static void stop(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            handle.destroyForcibly();
            awaitExit(handle);
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // gone as far as SIGKILL can make it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
