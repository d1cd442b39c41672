package dev.pinkeeper.acme;

/** A certificate could not be issued; the message says at which step and what the CA answered. */
public class IssuanceException extends Exception {
    private static final long serialVersionUID = 1L;

    public IssuanceException(String message) {
        super(message);
    }

    public IssuanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
