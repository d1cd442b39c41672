package dev.pinkeeper.verify;

/**
 * The site could not be read: a bad address, no answer, a refused connection, a failed TLS handshake,
 * or an answer that is not HTTP. The message is one line that says which.
 */
public final class FetchException extends Exception {
    public FetchException(String message) {
        super(message);
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
