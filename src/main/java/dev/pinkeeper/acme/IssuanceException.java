package dev.pinkeeper.acme;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/** A certificate could not be issued; the message says at which step and what the CA answered. */
public class IssuanceException extends PinkeeperException {
    private static final long serialVersionUID = 1L;

    public IssuanceException(String message) {
        super(ErrorKind.REFUSED, message);
    }

    public IssuanceException(String message, Throwable cause) {
        super(ErrorKind.REFUSED, message, cause);
    }
}
