package dev.pinkeeper.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code pinkeeper} in a separate JVM and kills it for real (destroyForcibly = SIGKILL) at a
 * chosen moment after it started writing: the harness of the crash-safety tests.
 */
public final class KilledRuns {
    private KilledRuns() {
    }

    /** How a run ended: by itself or killed, and how long it ran after its first write. */
    public record Run(boolean finished, long writingMillis) {
    }

    /** The command line running {@code pinkeeper ARGS --state STATE} in a fresh JVM with this test's class path. */
    public static List<String> command(Path state, String... args) {
        List<String> command = java("dev.pinkeeper.cli.Main", args);
        command.add("--state");
        command.add(state.toString());
        return command;
    }

    /** The command line running the main class {@code main} (of the main or test code) with {@code args} in a fresh JVM. */
    public static List<String> java(String main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a command to its end (it must succeed) and returns how long it took, in milliseconds. */
    public static long timed(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Starts the command, waits until the listing of {@code watched} first changes (the command started
     * writing), then kills it {@code delayMillis} later unless it has ended by itself (then it must have
     * succeeded).
     */
    public static Run runAndKill(List<String> command, Path watched, long delayMillis) throws Exception {
        List<String> initial = listing(watched);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        while (process.isAlive() && listing(watched).equals(initial)) {
            Thread.sleep(1);
        }
        long firstWrite = System.nanoTime();
        boolean finished = process.waitFor(delayMillis, TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } else {
            assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        }
        return new Run(finished, (System.nanoTime() - firstWrite) / 1_000_000);
    }

    /** The sorted names in a folder (empty when it does not exist). */
    public static List<String> listing(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var children = Files.list(folder)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
