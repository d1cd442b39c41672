package dev.pinkeeper.plan.site;

/** A site's plan cannot be read or changed: it is missing, unreadable, or the request makes no sense. */
public class PlanException extends Exception {
    public PlanException(String message) {
        super(message);
    }

    public PlanException(String message, Throwable cause) {
        super(message, cause);
    }
}
