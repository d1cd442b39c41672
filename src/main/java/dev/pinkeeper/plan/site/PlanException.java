package dev.pinkeeper.plan.site;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/** A site's plan cannot be read or changed: it is missing, unreadable, or the request makes no sense. */
public class PlanException extends PinkeeperException {
    public PlanException(String message) {
        super(ErrorKind.USAGE, message);
    }

    public PlanException(String message, Throwable cause) {
        super(ErrorKind.USAGE, message, cause);
    }
}
