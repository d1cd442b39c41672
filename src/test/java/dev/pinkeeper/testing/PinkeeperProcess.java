package dev.pinkeeper.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.cli.Main;

/**
 * Runs the real {@code pinkeeper} command line ({@link Main#main}) in a fresh JVM on the test
 * class path, so tests see exactly what a user sees: exit code, standard output and standard error
 * (as bytes reach them: control characters included), under a chosen umask or with standard output
 * on a chosen file such as {@code /dev/full}, or as another user.
 *
 * <pre>{@code
 * PinkeeperProcess.Result r = PinkeeperProcess.run(dir, "keys", "list", "--state", state.toString());
 * PinkeeperProcess.Result open = PinkeeperProcess.underUmask("000").runIn(dir, "keys", "init", …);
 * PinkeeperProcess.Result full = PinkeeperProcess.withStdout(Path.of("/dev/full")).runIn(dir, "keys", "csr", …);
 * PinkeeperProcess.Result other = PinkeeperProcess.asUser(65534, 65534, dir.resolve("cp")).runIn(dir, "plan", "show", …);
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
    private final List<String> asUser;
    private final String classPath;

    private PinkeeperProcess(String umask, Path stdout) {
        this(umask, stdout, List.of(), System.getProperty("java.class.path"));
    }

    private PinkeeperProcess(String umask, Path stdout, List<String> asUser, String classPath) {
        this.umask = umask;
        this.stdout = stdout;
        this.asUser = asUser;
        this.classPath = classPath;
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

    /**
     * Runs as another user ({@code setpriv}: only root may), e.g. {@code nobody} (65534): the jars of the
     * class path are hard-linked into {@code readable}, a folder that user can read (the local Maven
     * repository usually is private to root); the class folders must be readable as they are.
     */
    public static PinkeeperProcess asUser(int uid, int gid, Path readable) {
        List<String> entries = new ArrayList<>();
        try {
            Files.createDirectories(readable);
            Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rwxr-xr-x"));
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isRegularFile(path)) {
                    Path link = readable.resolve((n++) + "-" + path.getFileName());
                    Files.createLink(link, path);
                    entries.add(link.toString());
                } else {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PinkeeperProcess(null, null, List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
                "--"), String.join(File.pathSeparator, entries));
    }

    /** The command that runs {@code pinkeeper ARGS} on the test class path. */
    public static List<String> command(String... args) {
        return command(System.getProperty("java.class.path"), args);
    }

    private static List<String> command(String classPath, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", classPath, Main.class.getName()));
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
        List<String> command = new ArrayList<>(asUser);
        command.addAll(command(classPath, args));
        if (umask != null) {
            List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
            wrapped.addAll(command);
            command = wrapped;
        }
        Processes.Run run = Processes.run(dir, command, stdin, stdout, Duration.ofSeconds(120));
        return new Result(run.code(), new String(run.out(), StandardCharsets.UTF_8), run.err());
    }
}
