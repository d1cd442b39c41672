package dev.pinkeeper.read;

/**
 * An input that holds no readable certificate, key or CSR: malformed PEM or DER, wrong base64,
 * a missing passphrase. The message is one line, fit to show to a user after the input's name.
 */
public class UnreadableInputException extends Exception {
    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
