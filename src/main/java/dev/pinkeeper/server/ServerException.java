package dev.pinkeeper.server;

/** A web server's config test or reload failed; the message quotes what the server said. */
public class ServerException extends Exception {
    private static final long serialVersionUID = 1L;

    public ServerException(String message) {
        super(message);
    }

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
