package dev.pinkeeper.cli;

/** Bad usage or an unreadable input: reported as one line on stderr, exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
