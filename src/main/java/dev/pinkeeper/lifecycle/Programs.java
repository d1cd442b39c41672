package dev.pinkeeper.lifecycle;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the programs pinkeeper runs (nginx, apache2, haproxy, pebble, curl), on PATH or in the Debian
 * directories (/usr/sbin is not on a user's PATH). The system property {@value #PATH_PROPERTY} (directories
 * separated by {@code :}) replaces both, for programs installed elsewhere.
 */
public final class Programs {
    /** The system property that replaces PATH and the Debian directories. */
    public static final String PATH_PROPERTY = "pinkeeper.path";

    private Programs() {
    }

    /** The program's path where {@link #find} finds it, else its bare name (left to the PATH). */
    public static String locate(String program) {
        try {
            return find(program, program).toString();
        } catch (MissingProgramException e) {
            return program;
        }
    }

    /**
     * The program's path.
     *
     * @param debianPackage the package that installs it, for the error message
     * @throws MissingProgramException naming the package when it is not installed
     */
    public static Path find(String program, String debianPackage) throws MissingProgramException {
        for (String dir : searchPath()) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new MissingProgramException(program + " not found: install the Debian package " + debianPackage
                + " (scripts/install-deps.sh installs everything)");
    }

    private static List<String> searchPath() {
        String given = System.getProperty(PATH_PROPERTY);
        if (given != null) {
            return List.of(given.split(File.pathSeparator));
        }
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin"));
        return dirs;
    }

    /** A program that is not installed. */
    public static final class MissingProgramException extends dev.pinkeeper.error.PinkeeperException {
        public MissingProgramException(String message) {
            super(dev.pinkeeper.error.ErrorKind.ENVIRONMENT, message);
        }
    }
}
