package dev.pinkeeper.cli;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/** Bad usage of the command line (an option's value, options that do not go together): exit code 2. */
public class UsageException extends PinkeeperException {
    public UsageException(String message) {
        super(ErrorKind.USAGE, message);
    }

    public UsageException(String message, Throwable cause) {
        super(ErrorKind.USAGE, message, cause);
    }
}
