package dev.pinkeeper.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.cli.Main;

/**
 * Runs the real {@code pinkeeper} command line ({@link Main#main}) in a fresh JVM on the test
 * class path, so tests see exactly what a user sees: exit code, standard output and standard error
 * (as bytes reach them: control characters included), under a chosen umask or with standard output
 * on a chosen file such as {@code /dev/full}.
 *
 * <pre>{@code
 * PinkeeperProcess.Result r = PinkeeperProcess.run(dir, "keys", "list", "--state", state.toString());
 * PinkeeperProcess.Result open = PinkeeperProcess.underUmask("000").run(dir, "keys", "init", …);
 * PinkeeperProcess.Result full = PinkeeperProcess.withStdout(Path.of("/dev/full")).run(dir, "keys", "csr", …);
 * }</pre>
 */
public final class PinkeeperProcess {
    /** What one run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        public List<String> stderrLines() {
            return stderr.lines().toList();
        }
    }

    private final String umask;
    private final Path stdout;

    private PinkeeperProcess(String umask, Path stdout) {
        this.umask = umask;
        this.stdout = stdout;
    }

    /** Runs started with this umask (octal, e.g. {@code 000}), set by {@code sh} just before it execs java. */
    public static PinkeeperProcess underUmask(String umask) {
        if (!umask.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("not an octal umask: " + umask);
        }
        return new PinkeeperProcess(umask, null);
    }

    /** Runs whose standard output goes to {@code file} (e.g. {@code /dev/full}); {@link Result#stdout} is then empty. */
    public static PinkeeperProcess withStdout(Path file) {
        return new PinkeeperProcess(null, file);
    }

    /** The command that runs {@code pinkeeper ARGS} on the test class path. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code pinkeeper ARGS} in {@code dir} with {@code stdin} (or nothing) on standard input. */
    public static Result run(Path dir, byte[] stdin, String... args) {
        return new PinkeeperProcess(null, null).runIn(dir, stdin, args);
    }

    /** Runs {@code pinkeeper ARGS} in {@code dir} with nothing on standard input. */
    public static Result run(Path dir, String... args) {
        return run(dir, null, args);
    }

    /** Runs {@code pinkeeper ARGS} in {@code dir} this way, with nothing on standard input. */
    public Result runIn(Path dir, String... args) {
        return runIn(dir, null, args);
    }

    /** Runs {@code pinkeeper ARGS} in {@code dir} this way, with {@code stdin} (or nothing) on standard input. */
    public Result runIn(Path dir, byte[] stdin, String... args) {
        List<String> command = command(args);
        if (umask != null) {
            List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
            wrapped.addAll(command);
            command = wrapped;
        }
        Processes.Run run = Processes.run(dir, command, stdin, stdout, Duration.ofSeconds(120));
        return new Result(run.code(), new String(run.out(), StandardCharsets.UTF_8), run.err());
    }
}
