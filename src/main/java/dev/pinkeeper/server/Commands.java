package dev.pinkeeper.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a server's command line with a time limit; a failure quotes the end of its output. */
final class Commands {
    private Commands() {
    }

    static String run(List<String> command, Duration timeout) throws ServerException {
        String what = String.join(" ", command);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ServerException("'" + what + "' did not finish within " + timeout);
            }
            String text = output.join().strip();
            if (process.exitValue() != 0) {
                throw new ServerException("'" + what + "' failed with status " + process.exitValue()
                        + (text.isEmpty() ? "" : ": " + tail(text)));
            }
            return text;
        } catch (IOException e) {
            throw new ServerException("cannot run '" + what + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted while running '" + what + "'", e);
        }
    }

    private static String tail(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
