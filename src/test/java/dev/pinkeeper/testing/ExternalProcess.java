package dev.pinkeeper.testing;

import dev.pinkeeper.rehearse.LocalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A program started by a test, its output in a log file, stopped by its PID: the rehearsal's
 * {@link LocalProcess} (one implementation, in main sources) under the name the tests use.
 */
public final class ExternalProcess implements AutoCloseable {
    private final LocalProcess process;

    private ExternalProcess(LocalProcess process) {
        this.process = process;
    }

    /** Starts {@code command} in {@code workDir} with extra environment, stdout and stderr to {@code log}. */
    public static ExternalProcess start(String name, List<String> command, Map<String, String> env,
            Path workDir, Path log) {
        return new ExternalProcess(LocalProcess.start(name, command, env, workDir, log));
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
        process.awaitPort(port, timeout);
    }

    /** The last 3000 characters of the log. */
    public String logTail() {
        return process.logTail();
    }

    /** Stops the process by its PID: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        process.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
