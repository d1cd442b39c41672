package dev.pinkeeper.plan;

import java.time.Instant;
import java.util.List;

/**
 * Whether a step — serving a chain, or a whole {@link ServedPeriod}, from an instant on — locks anyone
 * out; if it does, from when it would not, and which cached headers or failure windows are why.
 * {@link PlanGuard} judges a whole step by simulating it (its {@link #lockouts}); {@link RolloverGate} and
 * {@link LockoutSimulator#earliestSafeSwitch} judge serving a chain by the cached headers that pin nothing
 * of it (its {@link #blockers}).
 *
 * @param at           the instant the step is taken (or, for the earliest switch, the earliest instant asked about)
 * @param safeFrom     the first instant from which the step locks nobody out (not after {@code at} when it is
 *                     safe at {@code at}); while the header served at {@code at} lacks the chain's pins, the
 *                     instant if the pin is published at {@code at}; null when no such instant is known: a
 *                     header pinning nothing of the chain is served on, or the step as proposed locks
 *                     visitors out
 * @param pinPublished whether the header served just before {@code at} pins the chain (true for a whole step)
 * @param blockers     the noted headers still cached that pin nothing of the chain: the ones that delay it
 * @param lockouts     the failure windows the step would cause (empty when it was judged by its blockers)
 * @param message      one paragraph for the operator: why it is safe, or until when it is not and why
 */
public record StepVerdict(Instant at, Instant safeFrom, boolean pinPublished, List<CachedHeader> blockers,
                          List<Lockout> lockouts, String message) {
    public StepVerdict {
        blockers = List.copyOf(blockers);
        lockouts = List.copyOf(lockouts);
    }

    /** The verdict on a simulated step: safe (from {@code at}) exactly when it has no failure window. */
    public static StepVerdict simulated(Instant at, List<Lockout> lockouts) {
        if (lockouts.isEmpty()) {
            return new StepVerdict(at, at, true, List.of(), lockouts, "the step locks nobody out");
        }
        StringBuilder text = new StringBuilder("refused: the step would lock visitors out:");
        for (Lockout lockout : lockouts) {
            text.append("\n- ").append(lockout.describe());
        }
        return new StepVerdict(at, null, true, List.of(), lockouts, text.toString());
    }

    /** Whether taking the step at {@link #at} locks nobody out. */
    public boolean safe() {
        return safeAt(at);
    }

    /** Whether taking the step at {@code instant} locks nobody out. */
    public boolean safeAt(Instant instant) {
        return lockouts.isEmpty() && safeFrom != null && !instant.isBefore(safeFrom);
    }

    /** Until when the step must wait: {@link #safeFrom}, or null when it is safe at {@link #at}. */
    public Instant waitUntil() {
        return safe() ? null : safeFrom;
    }

    /** The blocker that lives longest (the one that sets {@link #safeFrom}), or null when none. */
    public CachedHeader latestBlocker() {
        CachedHeader latest = null;
        for (CachedHeader blocker : blockers) {
            if (latest == null || blocker.liveUntil() == null
                    || (latest.liveUntil() != null && blocker.liveUntil().isAfter(latest.liveUntil()))) {
                latest = blocker;
                if (blocker.liveUntil() == null) {
                    break;
                }
            }
        }
        return latest;
    }
}
