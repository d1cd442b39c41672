package dev.pinkeeper.site;

import java.io.IOException;

/** A site's lock could not be taken: another process holds it longer than the patience given, or the file fails. */
public final class SiteLockException extends IOException {
    public SiteLockException(String message) {
        super(message);
    }

    public SiteLockException(String message, Throwable cause) {
        super(message, cause);
    }
}
