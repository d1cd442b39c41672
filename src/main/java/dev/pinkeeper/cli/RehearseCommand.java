package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.lifecycle.Programs;
import dev.pinkeeper.rehearse.PackageInstall;
import dev.pinkeeper.rehearse.Rehearsal;
import dev.pinkeeper.rehearse.RehearsalFolder;
import dev.pinkeeper.rehearse.RehearsalStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    JsonOption jsonOption;

    /**
     * The system property naming the script that installs Debian packages without starting their services
     * (scripts/install-deps.sh; the package's copy): set by the launchers.
     */
    static final String INSTALL_SCRIPT_PROPERTY = "pinkeeper.install-deps";

    @Override
    public Integer call() {
        List<String> missing = Rehearsal.missingPackages();
        if (!missing.isEmpty()) {
            PackageInstall.of(INSTALL_SCRIPT_PROPERTY).install(missing,
                    line -> System.err.println("pinkeeper rehearse: " + line));
        }
        RehearsalFolder folder;
        try {
            folder = RehearsalFolder.of(dir, keep);
        } catch (IOException e) {
            throw new UsageException("--dir " + dir + ": cannot create: " + Inputs.describe(e));
        }
        if (dir != null && folder.holdsEarlierRehearsal()) {
            throw new UsageException("--dir " + dir + ": holds an earlier rehearsal; give an empty folder");
        }
        List<RehearsalStep> steps = run(folder);
        boolean passed = steps.stream().allMatch(RehearsalStep::ok);
        if (jsonOption.json()) {
            Json.print(new Document(folder.path(), !folder.deletedAfterwards(), passed, steps));
        } else {
            printTimeline(steps, folder);
        }
        return passed ? ExitCode.OK : ExitCode.REJECTED;
    }

    /** Runs the rehearsal in {@code folder}, printing each step as it ends (on stderr with --json). */
    private List<RehearsalStep> run(RehearsalFolder folder) {
        PrintStream progress = jsonOption.json() ? System.err : System.out;
        progress.println("rehearsal in " + folder.path());
        try {
            return new Rehearsal(folder.path(), step -> {
                progress.printf("  %s %-68s %s%n", step.ok() ? "ok  " : "FAIL", step.what(), step.observed());
                progress.flush();
            }).run();
        } catch (Programs.MissingProgramException e) {
            throw new UsageException("pinkeeper rehearse: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException("pinkeeper rehearse: " + e.getMessage(), e);
        } finally {
            folder.finish();
        }
    }

    private static void printTimeline(List<RehearsalStep> steps, RehearsalFolder folder) {
        long failed = steps.stream().filter(s -> !s.ok()).count();
        System.out.println();
        System.out.println("timeline (simulated clock):");
        for (RehearsalStep step : steps) {
            System.out.printf("  %-22s %s %s%n      expected: %s%n", step.at(), step.ok() ? "ok  " : "FAIL", step.what(),
                    step.expected());
        }
        System.out.println(failed == 0
                ? "verdict: PASS - every step behaved (" + steps.size() + " steps)"
                : "verdict: FAIL - " + failed + " of " + steps.size() + " steps misbehaved");
        if (folder.temporary() && folder.keep()) {
            System.out.println("files kept in " + folder.path());
        }
    }

    /**
     * The JSON document: {@code {"dir":…,"kept":bool,"passed":bool,"steps":[{"at","what","expected","observed","ok"}]}},
     * the steps in the order they ran.
     */
    record Document(Path dir, boolean kept, boolean passed, List<RehearsalStep> steps) {
    }
}
