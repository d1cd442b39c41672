package dev.pinkeeper.read;

import java.util.List;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.error.Remedy;

/**
 * An input that holds no readable certificate, key or CSR: malformed PEM or DER, wrong base64,
 * a missing passphrase. The message is one line, fit to show to a user after the input's name.
 */
public class UnreadableInputException extends PinkeeperException {
    public UnreadableInputException(String message) {
        super(ErrorKind.USAGE, message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(ErrorKind.USAGE, message, cause);
    }

    /** An input that {@code remedy} makes readable. */
    public UnreadableInputException(String message, Remedy remedy) {
        super(ErrorKind.USAGE, message, null, List.of(remedy));
    }
}
