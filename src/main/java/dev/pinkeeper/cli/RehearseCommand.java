package dev.pinkeeper.cli;

import dev.pinkeeper.lifecycle.Programs;
import dev.pinkeeper.rehearse.Rehearsal;
import dev.pinkeeper.rehearse.RehearsalStep;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pinkeeper rehearse}: the whole life of a pinned site, on this machine, in a few seconds. */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
        header = "Rehearse the whole life of a pinned site on this machine, with local CAs and nginx, and give a verdict.",
        description = {"Rehearse pinning on this machine with a throw-away site, the way a sysadmin runs it: two local"
                + " pebble CAs and nginx on 127.0.0.1; plan init with a short key lifetime (20 days), issue, deploy"
                + " report-only; then pinkeeper renew whenever something is due: the ramp to enforcement step by"
                + " step, a rollover when the key's lifetime is over, the next one WAITING while clients still cache"
                + " headers without its pin and done at the instant renew named; an emergency switch to a backup key"
                + " at the backup CA. After every deployment the server is compared with the plan (as verify --site"
                + " does) and checked with curl --pinnedpubkey. The plan's clock is simulated. Prints the timeline"
                + " and a verdict: exit 0 when every step behaved, 1 otherwise.",
                "Needs the Debian packages pebble, nginx and curl: run as root, it installs those missing (saying"
                        + " so, without starting their services); otherwise it prints the command that installs them."})
final class RehearseCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "Keep the rehearsal's files here (default: a temporary folder).")
    Path dir;

    @Option(names = "--keep", description = "Keep the temporary folder (the state, releases, logs) afterwards.")
    boolean keep;

    /**
     * The system property naming the script that installs Debian packages without starting their services
     * (scripts/install-deps.sh; the package's copy): set by the launchers.
     */
    static final String INSTALL_SCRIPT_PROPERTY = "pinkeeper.install-deps";

    @Override
    public Integer call() {
        List<String> missing = Rehearsal.missingPackages();
        if (!missing.isEmpty()) {
            install(missing);
        }
        Path work;
        try {
            work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("pinkeeper-rehearsal-");
        } catch (IOException e) {
            throw new UsageException("--dir " + dir + ": cannot create: " + Inputs.describe(e));
        }
        if (dir != null && Files.exists(work.resolve("state"))) {
            throw new UsageException("--dir " + dir + ": holds an earlier rehearsal; give an empty folder");
        }
        System.out.println("rehearsal in " + work);
        List<RehearsalStep> steps;
        try {
            steps = new Rehearsal(work, step -> {
                System.out.printf("  %s %-68s %s%n", step.ok() ? "ok  " : "FAIL", step.what(), step.observed());
                System.out.flush();
            }).run();
        } catch (Programs.MissingProgramException e) {
            throw new UsageException("pinkeeper rehearse: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException("pinkeeper rehearse: " + e.getMessage(), e);
        } finally {
            if (dir == null && !keep) {
                delete(work);
            }
        }
        System.out.println();
        System.out.println("timeline (simulated clock):");
        for (RehearsalStep step : steps) {
            System.out.printf("  %-22s %s %s%n      expected: %s%n", step.at(), step.ok() ? "ok  " : "FAIL", step.what(),
                    step.expected());
        }
        long failed = steps.stream().filter(s -> !s.ok()).count();
        System.out.println(failed == 0
                ? "verdict: PASS - every step behaved (" + steps.size() + " steps)"
                : "verdict: FAIL - " + failed + " of " + steps.size() + " steps misbehaved");
        if (dir == null && keep) {
            System.out.println("files kept in " + work);
        }
        return failed == 0 ? ExitCode.OK : ExitCode.REJECTED;
    }

    /**
     * Installs the missing Debian packages when running as root with the launcher's install script; otherwise
     * (or when that fails) a usage error naming the one command that installs them.
     */
    private static void install(List<String> packages) {
        String names = String.join(" ", packages);
        String script = System.getProperty(INSTALL_SCRIPT_PROPERTY);
        boolean scriptKnown = script != null && Files.isExecutable(Path.of(script));
        boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0; // root by uid, whatever the name
        String command = (root ? "" : "sudo ")
                + (scriptKnown ? script : "apt-get install") + " " + names;
        if (!root || !scriptKnown) {
            throw new UsageException("rehearse needs the Debian packages " + names + " (not installed): run " + command);
        }
        System.err.println("pinkeeper rehearse: installing the Debian packages " + names
                + " (" + command + "; their services are not started)");
        int exit;
        try {
            List<String> argv = new ArrayList<>(List.of(script));
            argv.addAll(packages);
            exit = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start().waitFor();
        } catch (IOException e) {
            throw new UsageException("rehearse: cannot run " + command + ": " + Inputs.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("rehearse: interrupted while installing " + names);
        }
        List<String> still = Rehearsal.missingPackages();
        if (exit != 0 || !still.isEmpty()) {
            throw new UsageException("rehearse: installing " + names + " failed (" + command + " exited " + exit
                    + (still.isEmpty() ? "" : "; still missing: " + String.join(" ", still)) + ")");
        }
    }

    private static void delete(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
