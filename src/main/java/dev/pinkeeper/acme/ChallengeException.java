package dev.pinkeeper.acme;

/** A challenge response could not be published or removed. */
public class ChallengeException extends Exception {
    private static final long serialVersionUID = 1L;

    public ChallengeException(String message) {
        super(message);
    }

    public ChallengeException(String message, Throwable cause) {
        super(message, cause);
    }
}
