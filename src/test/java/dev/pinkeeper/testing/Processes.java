package dev.pinkeeper.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external programs (openssl) and returns their output; fails the test on a non-zero exit. */
public final class Processes {
    private Processes() {
    }

    /** The outcome of a program. */
    public record Output(int code, String out, String err) {
    }

    /** The outcome of a program whose standard output may be binary. */
    public record Run(int code, byte[] out, String err) {
    }

    /** Runs a shell command line (bash -c) in a folder. */
    public static Output sh(Path folder, String command) {
        Run run = run(folder, List.of("bash", "-c", command), null, Duration.ofSeconds(60));
        return new Output(run.code(), new String(run.out(), StandardCharsets.UTF_8), run.err());
    }

    /**
     * Runs {@code command} in {@code folder} with {@code stdin} (null: nothing) on standard input; standard
     * output and error go through temporary files, so neither can fill up and block the program.
     * Fails the test when it cannot start or does not end within {@code timeout} (then it is killed).
     */
    public static Run run(Path folder, List<String> command, byte[] stdin, Duration timeout) {
        return run(folder, command, stdin, null, timeout);
    }

    /**
     * As {@link #run(Path, List, byte[], Duration)}, with standard output written to {@code stdout}
     * (e.g. {@code /dev/full}) when it is not null; {@link Run#out} is then empty.
     */
    public static Run run(Path folder, List<String> command, byte[] stdin, Path stdout, Duration timeout) {
        Path in = null;
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            in = Files.write(Files.createTempFile("stdin", ".bin"), stdin == null ? new byte[0] : stdin);
            out = Files.createTempFile("stdout", ".bin");
            err = Files.createTempFile("stderr", ".txt");
            process = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectInput(in.toFile()).redirectOutput(stdout == null ? out.toFile() : stdout.toFile())
                    .redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + command);
            }
            return new Run(process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run: " + command, e);
        } catch (InterruptedException e) {
            process.destroyForcibly(); // an interrupted test leaves no program behind
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            for (Path file : new Path[] {in, out, err}) {
                if (file != null) {
                    file.toFile().delete();
                }
            }
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
