package dev.pinkeeper.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Decides whether a key may become the served (current) key: only when every header any client
 * may still have cached at the switch pins it (or another pin of its chain), plus a safety margin.
 *
 * <p>Compared with acmebot's {@code _safe_to_rollover} (the backup key's age in days must exceed
 * the configured HPKP days): this gate looks at what was actually served rather than when the key
 * file was made, so a key generated long ago but published late is not trusted early; it takes the
 * max-age of every header that lacked the pin, not today's configured one, so lowering max-age does
 * not shorten the wait wrongly; it counts includeSubDomains headers of parent hosts; it ignores
 * report-only headers and headers no client noted; it works to the second; and it never answers
 * "safe" for lack of information (acmebot does when the key's age is unknown): only what was served
 * counts, and a header without the pin that is still being served means "publish the pin first".
 */
public final class RolloverGate {
    /** The default margin added after the last cache entry expires (clock skew, deployment delay). */
    public static final Duration DEFAULT_MARGIN = Duration.ofDays(1);

    private final LockoutSimulator simulator;
    private final Duration margin;

    /** A gate using the worst-case (uncapped) simulator and {@link #DEFAULT_MARGIN}. */
    public RolloverGate() {
        this(new LockoutSimulator(), DEFAULT_MARGIN);
    }

    public RolloverGate(LockoutSimulator simulator, Duration margin) {
        if (margin.isNegative()) {
            throw new IllegalArgumentException("margin cannot be negative");
        }
        this.simulator = simulator;
        this.margin = margin;
    }

    /**
     * Planned rollover: may {@code proposed} be served on {@code hosts} from {@code at}?
     *
     * @param history what was served so far; intervals still open are taken as served up to {@code at}
     */
    public StepVerdict check(Schedule history, Collection<String> hosts, Chain proposed, Instant at) {
        return decide(history, hosts, proposed, at, margin, "rollover to");
    }

    /**
     * Emergency promotion of a backup key (the current key is lost or compromised): no margin, since
     * waiting is not an option, but never a lockout without saying so. It is safe whenever the backup
     * was pinned in every header still cached — always, for a plan that pinned its backups from the start.
     */
    public StepVerdict checkEmergency(Schedule history, Collection<String> hosts, Chain backup, Instant at) {
        return decide(history, hosts, backup, at, Duration.ZERO, "emergency promotion to");
    }

    /**
     * A deployment: may a chain for {@code proposed}'s leaf be served on {@code hosts} from {@code at}? As
     * {@link #checkEmergency} (no margin: the key was chosen already, by the plan), but said as serving.
     */
    public StepVerdict checkServing(Schedule history, Collection<String> hosts, Chain proposed, Instant at) {
        return decide(history, hosts, proposed, at, Duration.ZERO, "serving");
    }

    /**
     * From when {@code proposed} may become the served key as things are served in {@code history}:
     * the end of the last cache entry that lacks its pin, plus the margin for a planned rollover (none
     * for an {@code emergency}); the start of the history when no served header lacked it; null while
     * a header without its pin is still served, or nothing was served yet. This is the stable instant
     * behind {@link #check} and {@link #checkEmergency} (recorded in the key inventory).
     */
    public Instant safeFrom(Schedule history, Collection<String> hosts, Chain proposed, boolean emergency) {
        Instant start = null;
        for (HostTimeline timeline : history.hosts()) {
            if (!timeline.intervals().isEmpty() && (start == null || timeline.intervals().get(0).from().isBefore(start))) {
                start = timeline.intervals().get(0).from();
            }
        }
        if (start == null) {
            return null;
        }
        StepVerdict safeSwitch = simulator.earliestSafeSwitch(history, hosts, proposed, start);
        if (safeSwitch.safeFrom() == null || safeSwitch.blockers().isEmpty()) {
            return safeSwitch.safeFrom();
        }
        return emergency ? safeSwitch.safeFrom() : safeSwitch.safeFrom().plus(margin);
    }

    private StepVerdict decide(Schedule history, Collection<String> hosts, Chain proposed, Instant at,
                                Duration margin, String what) {
        Schedule sofar = history.until(at);
        StepVerdict ifSwitchedNow = simulator.earliestSafeSwitch(sofar, hosts, proposed, at.minus(margin));
        StepVerdict asServed = simulator.earliestSafeSwitch(history, hosts, proposed, at);
        // the header served just before the switch (at the second at-1) lacks the pin
        boolean published = asServed.blockers().stream().noneMatch(b -> b.servedFrom().isBefore(at)
                && (b.servedUntil() == null || !b.servedUntil().isBefore(at)));
        Instant safeFrom = at;
        CachedHeader latest = ifSwitchedNow.latestBlocker();
        if (latest != null && latest.liveUntil().plus(margin).isAfter(at)) {
            safeFrom = latest.liveUntil().plus(margin);
        }
        boolean safe = !at.isBefore(safeFrom);
        String key = proposed.leaf().base64();
        String message;
        if (safe) {
            message = what + " " + key + " is safe: every header still cached pins it";
        } else {
            message = what + " " + key + " is not safe until " + safeFrom + ", because "
                    + latest.describe() + " lacked the pin"
                    + (margin.isZero() ? "" : " (plus a margin of " + Durations.human(margin.getSeconds()) + ")")
                    + (published ? "" : "; the header served now lacks it too: publish the pin now, then wait")
                    + ". Switching earlier locks out visitors who cached that header.";
        }
        List<CachedHeader> live = ifSwitchedNow.blockers().stream()
                .filter(b -> b.liveUntil().plus(margin).isAfter(at)).toList();
        return new StepVerdict(at, safeFrom, published, live, List.of(), message);
    }
}
