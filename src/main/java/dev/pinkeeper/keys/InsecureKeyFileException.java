package dev.pinkeeper.keys;

import java.nio.file.Path;

import dev.pinkeeper.files.InsecureFileException;

/**
 * A private key file (or its folder) that group or others may use, or that another user owns:
 * pinkeeper refuses to use it. The message ends with the exact {@code chmod} or {@code chown} that fixes it.
 */
public final class InsecureKeyFileException extends InventoryException {
    private final transient Path path;
    private final String fix;

    public InsecureKeyFileException(InsecureFileException cause) {
        super(cause.getMessage(), cause);
        this.path = cause.path();
        this.fix = cause.fix();
    }

    /** The offending file or folder. */
    public Path path() {
        return path;
    }

    /** The command that fixes it. */
    public String fix() {
        return fix;
    }
}
