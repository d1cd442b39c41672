package dev.pinkeeper.plan.scenario;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/** A scenario file that cannot be read: the message names the place in the file and the problem. */
public class ScenarioException extends PinkeeperException {
    public ScenarioException(String message) {
        super(ErrorKind.USAGE, message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(ErrorKind.USAGE, message, cause);
    }
}
