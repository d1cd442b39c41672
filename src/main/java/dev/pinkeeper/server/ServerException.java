package dev.pinkeeper.server;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/** A web server's config test or reload failed; the message quotes what the server said. */
public class ServerException extends PinkeeperException {
    private static final long serialVersionUID = 1L;

    public ServerException(String message) {
        super(ErrorKind.ENVIRONMENT, message);
    }

    public ServerException(String message, Throwable cause) {
        super(ErrorKind.ENVIRONMENT, message, cause);
    }
}
