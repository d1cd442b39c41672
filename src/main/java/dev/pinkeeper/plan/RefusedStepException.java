package dev.pinkeeper.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.error.Remedy;

/**
 * A plan step refused because it would lock visitors out, or is not due yet. What the operator can
 * do travels as data: {@link #allowedFrom} (wait until then) and {@link #overridable} (the operation
 * takes a {@code force} argument that does it anyway), also as {@link #remedies()}; the message says
 * neither in a caller's words.
 */
public class RefusedStepException extends PinkeeperException {
    private final transient Instant allowedFrom;
    private final boolean overridable;

    /**
     * A refusal that {@code force} does not lift.
     *
     * @param message     what is refused and why
     * @param allowedFrom when the step becomes allowed, or null when waiting does not help
     */
    public RefusedStepException(String message, Instant allowedFrom) {
        this(message, allowedFrom, false);
    }

    /**
     * @param message     what is refused and why
     * @param allowedFrom when the step becomes allowed, or null when waiting does not help
     * @param overridable whether the refused operation does it anyway when forced (visitors may be locked out)
     */
    public RefusedStepException(String message, Instant allowedFrom, boolean overridable) {
        super(ErrorKind.REFUSED, message, null, remedies(allowedFrom, overridable));
        this.allowedFrom = allowedFrom;
        this.overridable = overridable;
    }

    /** Whether forcing the same operation does it anyway (at the risk of locking visitors out). */
    public boolean overridable() {
        return overridable;
    }

    /** When the step becomes allowed, or null when waiting alone does not help. */
    public Instant allowedFrom() {
        return allowedFrom;
    }

    private static List<Remedy> remedies(Instant allowedFrom, boolean overridable) {
        List<Remedy> remedies = new ArrayList<>();
        if (overridable) {
            remedies.add(new Remedy.Force());
        }
        if (allowedFrom != null) {
            remedies.add(new Remedy.WaitUntil(allowedFrom));
        }
        return remedies;
    }
}
