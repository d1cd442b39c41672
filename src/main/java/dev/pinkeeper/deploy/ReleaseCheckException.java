package dev.pinkeeper.deploy;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/** A release failed a {@link ReleaseCheck}; the message says which and why. */
public class ReleaseCheckException extends PinkeeperException {
    private static final long serialVersionUID = 1L;

    public ReleaseCheckException(String message) {
        super(ErrorKind.REFUSED, message);
    }

    public ReleaseCheckException(String message, Throwable cause) {
        super(ErrorKind.REFUSED, message, cause);
    }
}
