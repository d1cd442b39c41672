package dev.pinkeeper.deploy;

/** A release failed a {@link ReleaseCheck}; the message says which and why. */
public class ReleaseCheckException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReleaseCheckException(String message) {
        super(message);
    }

    public ReleaseCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
