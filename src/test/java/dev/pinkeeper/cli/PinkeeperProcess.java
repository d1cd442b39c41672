package dev.pinkeeper.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.testing.Processes;

/**
 * Runs the real {@code pinkeeper} command line ({@link Main#main}) in a fresh JVM on the test
 * class path, so tests see exactly what a user sees: exit code, standard output and standard error.
 */
final class PinkeeperProcess {
    /** What one run printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
        List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    private PinkeeperProcess() {
    }

    /** The command that runs {@code pinkeeper ARGS} on the test class path. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code pinkeeper ARGS} in {@code dir} with {@code stdin} (or nothing) on standard input. */
    static Result run(Path dir, byte[] stdin, String... args) {
        Processes.Run run = Processes.run(dir, command(args), stdin, Duration.ofSeconds(120));
        return new Result(run.code(), new String(run.out(), StandardCharsets.UTF_8), run.err());
    }

    static Result run(Path dir, String... args) {
        return run(dir, null, args);
    }
}
