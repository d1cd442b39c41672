package dev.pinkeeper.verify;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/**
 * The site could not be read: a bad address, no answer, a refused connection, a failed TLS handshake,
 * or an answer that is not HTTP. The message is one line that says which.
 */
public final class FetchException extends PinkeeperException {
    public FetchException(String message) {
        super(ErrorKind.ENVIRONMENT, message);
    }

    public FetchException(String message, Throwable cause) {
        super(ErrorKind.ENVIRONMENT, message, cause);
    }
}
