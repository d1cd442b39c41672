package dev.pinkeeper.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file (or its folder) that must be private to pinkeeper's user and is not: others may use it, or
 * another user owns it. The message names the file and ends with the exact shell command that fixes it.
 */
public final class InsecureFileException extends IOException {
    private final transient Path path;
    private final String fix;

    InsecureFileException(Path path, String problem, String fix) {
        super(path + ": " + problem + "; fix it with: " + fix);
        this.path = path;
        this.fix = fix;
    }

    /** The offending file or folder. */
    public Path path() {
        return path;
    }

    /** The shell command that fixes it (e.g. {@code chmod 600 FILE}). */
    public String fix() {
        return fix;
    }
}
