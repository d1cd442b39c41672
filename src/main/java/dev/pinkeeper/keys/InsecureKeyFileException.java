package dev.pinkeeper.keys;

import java.nio.file.Path;

/**
 * A private key file (or its folder) that group or others may read: pinkeeper refuses to use it.
 * The message says the exact {@code chmod} that fixes it.
 */
public final class InsecureKeyFileException extends InventoryException {
    private final Path path;
    private final String fix;

    public InsecureKeyFileException(Path path, boolean directory) {
        super(path + ": " + (directory ? "folder of a private key" : "private key")
                + " is accessible by group or others; fix it with: chmod " + (directory ? "700 " : "600 ") + path);
        this.path = path;
        this.fix = "chmod " + (directory ? "700 " : "600 ") + path;
    }

    /** The offending file or folder. */
    public Path path() {
        return path;
    }

    /** The command that fixes the permissions. */
    public String fix() {
        return fix;
    }
}
