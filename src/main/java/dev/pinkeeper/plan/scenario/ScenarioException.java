package dev.pinkeeper.plan.scenario;

/** A scenario file that cannot be read: the message names the place in the file and the problem. */
public class ScenarioException extends Exception {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
