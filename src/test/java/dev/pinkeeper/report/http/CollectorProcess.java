package dev.pinkeeper.report.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code pinkeeper collector} running as a separate java process, for crash tests. */
final class CollectorProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output;
    private final int operatorPort;

    private CollectorProcess(Process process, List<String> output, int operatorPort) {
        this.process = process;
        this.output = output;
        this.operatorPort = operatorPort;
    }

    /** The port of its operator address (dashboard, /metrics, /health). */
    int operatorPort() {
        return operatorPort;
    }

    /**
     * Starts the collector taking reports on {@code port}, with its dashboard and metrics on
     * {@code operatorPort}, and waits until it listens.
     */
    static CollectorProcess start(int port, int operatorPort, Path state, String db) throws IOException, InterruptedException {
        return start(port, operatorPort, state, db, null);
    }

    /** Starts the collector on {@code port} (operator address on a free port) and waits until it listens. */
    static CollectorProcess start(int port, Path state, String db) throws IOException, InterruptedException {
        return start(port, state, db, null);
    }

    /**
     * Starts the collector on {@code port} (operator address on a free port) with the file-creation mask
     * {@code umask} (as {@code umask 000} in a shell; null: this JVM's) and waits until it listens.
     */
    static CollectorProcess start(int port, Path state, String db, Integer umask) throws IOException, InterruptedException {
        return start(port, dev.pinkeeper.testing.FreePorts.next(), state, db, umask);
    }

    private static CollectorProcess start(int port, int operatorPort, Path state, String db, Integer umask)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (umask != null) {
            command.addAll(List.of("bash", "-c", "umask " + Integer.toOctalString(umask) + " && exec \"$@\"", "bash"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.pinkeeper.cli.Main", "collector", "--listen", "127.0.0.1:" + port,
                "--operator-listen", "127.0.0.1:" + operatorPort, "--state", state.toString(),
                "--rate", "1000000", "--burst", "1000000"));
        if (db != null) {
            command.addAll(List.of("--db", db));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    output.add(line);
                    if (line.contains("listening on")) {
                        listening.countDown();
                    }
                }
            } catch (IOException ended) {
                // process gone
            }
        }, "collector-output");
        reader.setDaemon(true);
        reader.start();
        if (!listening.await(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the collector did not start listening: " + output);
        }
        return new CollectorProcess(process, output, operatorPort);
    }

    /** Every line it printed so far (standard output and error). */
    List<String> output() {
        return List.copyOf(output);
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor(10, TimeUnit.SECONDS);
    }

    long pid() {
        return process.pid();
    }

    /** Stops it gracefully (SIGTERM), or kills it after 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
