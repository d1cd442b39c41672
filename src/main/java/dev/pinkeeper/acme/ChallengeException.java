package dev.pinkeeper.acme;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/** A challenge response could not be published or removed. */
public class ChallengeException extends PinkeeperException {
    private static final long serialVersionUID = 1L;

    public ChallengeException(String message) {
        super(ErrorKind.ENVIRONMENT, message);
    }

    public ChallengeException(String message, Throwable cause) {
        super(ErrorKind.ENVIRONMENT, message, cause);
    }
}
