package dev.pinkeeper.plan;

import java.util.List;

/**
 * {@link PlanGuard}'s answer about one proposed step.
 *
 * @param lockouts the failure windows the schedule would have from the step on (empty: safe)
 */
public record GuardVerdict(List<Lockout> lockouts) {
    public GuardVerdict {
        lockouts = List.copyOf(lockouts);
    }

    /** Whether the step locks nobody out. */
    public boolean safe() {
        return lockouts.isEmpty();
    }

    /** A paragraph for the operator: what would fail. */
    public String message() {
        if (safe()) {
            return "the step locks nobody out";
        }
        StringBuilder text = new StringBuilder("refused: the step would lock visitors out:");
        for (Lockout lockout : lockouts) {
            text.append("\n- ").append(lockout.describe());
        }
        return text.toString();
    }
}
