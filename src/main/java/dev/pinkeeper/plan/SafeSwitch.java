package dev.pinkeeper.plan;

import java.time.Instant;
import java.util.List;

/**
 * When serving a chain (a new key) stops locking anyone out.
 *
 * @param chain    the chain asked about
 * @param safeFrom the first second from which serving it locks nobody out, or null while a header
 *                 without any of its pins is still served (publish its pin first)
 * @param blockers the noted headers that pin nothing of the chain (the ones that delay it)
 */
public record SafeSwitch(Chain chain, Instant safeFrom, List<CachedHeader> blockers) {
    public SafeSwitch {
        blockers = List.copyOf(blockers);
    }

    /** Whether switching at {@code at} locks nobody out. */
    public boolean safeAt(Instant at) {
        return safeFrom != null && !at.isBefore(safeFrom);
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
