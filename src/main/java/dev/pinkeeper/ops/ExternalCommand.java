package dev.pinkeeper.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command with a time limit: its arguments as given (no shell unless the command is
 * {@code /bin/sh -c TEXT}), extra environment variables, bytes on its standard input; its output is kept
 * (the last 64 KiB) for the operator. At the time limit the command and every process it started are killed.
 */
final class ExternalCommand {
    private static final int KEPT = 1 << 16;

    private ExternalCommand() {
    }

    /** Runs the operator's {@code command} text with {@code /bin/sh -c}: the data goes to stdin and the environment only. */
    static CommandRun shell(String command, Map<String, String> environment, byte[] input, Duration timeout) {
        return run(List.of("/bin/sh", "-c", command), command, environment, input, timeout);
    }

    /** Runs {@code argv} (an executable file and its arguments). */
    static CommandRun run(List<String> argv, String label, Map<String, String> environment, byte[] input,
            Duration timeout) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            return new CommandRun(label, null, "cannot run it: " + e.getMessage(), "");
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> tail(process.getInputStream()));
        CompletableFuture.runAsync(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                // it need not read its input
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new CommandRun(label, null, "did not finish within " + timeout.toSeconds() + " s: stopped", "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return new CommandRun(label, null, "interrupted", "");
        }
        String text;
        try {
            text = output.get(5, TimeUnit.SECONDS); // a child it left running may hold the pipe open
        } catch (Exception e) {
            text = "";
        }
        int status = process.exitValue();
        String last = lastLines(text);
        return new CommandRun(label, status, status == 0 ? null
                : "exited with status " + status + (last.isEmpty() ? "" : ": " + last), last);
    }

    private static String tail(InputStream in) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                kept.write(buffer, 0, n);
                if (kept.size() > 2 * KEPT) {
                    byte[] all = kept.toByteArray();
                    kept.reset();
                    kept.write(all, all.length - KEPT, KEPT);
                }
            }
        } catch (IOException e) {
            // what was read is kept
        }
        return kept.toString(StandardCharsets.UTF_8);
    }

    /** The last three non-blank lines, joined by {@code " | "}. */
    private static String lastLines(String text) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
