package dev.pinkeeper.plan;

import java.time.Instant;

/** A plan step refused because it would lock visitors out, or is not due yet. */
public class RefusedStepException extends Exception {
    private final transient Instant allowedFrom;

    /**
     * @param message     what is refused and why, and the override when there is one
     * @param allowedFrom when the step becomes allowed, or null when waiting does not help
     */
    public RefusedStepException(String message, Instant allowedFrom) {
        super(message);
        this.allowedFrom = allowedFrom;
    }

    /** When the step becomes allowed, or null when waiting alone does not help. */
    public Instant allowedFrom() {
        return allowedFrom;
    }
}
