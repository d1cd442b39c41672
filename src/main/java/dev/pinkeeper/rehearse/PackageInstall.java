package dev.pinkeeper.rehearse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/**
 * Installs the Debian packages a rehearsal needs ({@link Rehearsal#missingPackages()}) with the launcher's install
 * script, which starts none of their services: only as root (by uid, whatever the name) and only with that script;
 * otherwise, or when the install fails, an environment failure naming the one command that installs them.
 *
 * @param script the install script (scripts/install-deps.sh, the package's copy), or null when none is known
 * @param root   whether this process runs as root
 */
public record PackageInstall(String script, boolean root) {
    /** The install script named by the system property {@code property} (set by the launchers), as this process runs. */
    public static PackageInstall of(String property) {
        return new PackageInstall(System.getProperty(property),
                new com.sun.security.auth.module.UnixSystem().getUid() == 0);
    }

    /** The command that installs {@code packages}, as the operator would type it. */
    public String command(List<String> packages) {
        return (root ? "" : "sudo ") + (scriptKnown() ? script : "apt-get install") + " " + String.join(" ", packages);
    }

    /**
     * Installs {@code packages}, telling {@code progress} first.
     *
     * @throws PinkeeperException (environment) when it cannot or did not install them all
     */
    public void install(List<String> packages, Consumer<String> progress) {
        String names = String.join(" ", packages);
        String command = command(packages);
        if (!root || !scriptKnown()) {
            throw failure("rehearse needs the Debian packages " + names + " (not installed): run " + command);
        }
        progress.accept("installing the Debian packages " + names + " (" + command + "; their services are not started)");
        int exit = run(packages, command);
        List<String> still = Rehearsal.missingPackages();
        if (exit != 0 || !still.isEmpty()) {
            throw failure("rehearse: installing " + names + " failed (" + command + " exited " + exit
                    + (still.isEmpty() ? "" : "; still missing: " + String.join(" ", still)) + ")");
        }
    }

    private boolean scriptKnown() {
        return script != null && Files.isExecutable(Path.of(script));
    }

    private int run(List<String> packages, String command) {
        List<String> argv = new ArrayList<>(List.of(script));
        argv.addAll(packages);
        try {
            return new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start().waitFor();
        } catch (IOException e) {
            throw new PinkeeperException(ErrorKind.ENVIRONMENT, "rehearse: cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("rehearse: interrupted while installing " + String.join(" ", packages));
        }
    }

    private static PinkeeperException failure(String message) {
        return new PinkeeperException(ErrorKind.ENVIRONMENT, message);
    }
}
