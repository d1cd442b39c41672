package dev.pinkeeper.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external programs (openssl) and returns their output; fails the test on a non-zero exit. */
public final class Processes {
    private Processes() {
    }

    /** The outcome of a program. */
    public record Output(int code, String out, String err) {
    }

    /** Runs a shell command line (bash -c) in a folder. */
    public static Output sh(Path folder, String command) {
        try {
            Process process = new ProcessBuilder(List.of("bash", "-c", command)).directory(folder.toFile()).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Output(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a shell command that must succeed; returns its stdout. */
    public static String ok(Path folder, String command) {
        Output output = sh(folder, command);
        if (output.code() != 0) {
            throw new AssertionError("'" + command + "' exited " + output.code() + ": " + output.err());
        }
        return output.out();
    }

    /** The pin that openssl computes for a private key, public key or CSR file. */
    public static String opensslPin(Path file, String kind) {
        String extract = switch (kind) {
            case "private" -> "openssl pkey -in '" + file + "' -pubout -outform DER";
            case "public" -> "openssl pkey -pubin -in '" + file + "' -pubout -outform DER";
            case "csr" -> "openssl req -in '" + file + "' -pubkey -noout | openssl pkey -pubin -outform DER";
            default -> throw new IllegalArgumentException(kind);
        };
        return ok(file.getParent(), extract + " | openssl dgst -sha256 -binary | base64").strip();
    }
}
