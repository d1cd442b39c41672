package dev.pinkeeper.plan.site;

import java.time.Instant;
import java.util.List;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.PinPolicy;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.Schedule;

/**
 * A retired plan winding pinning down ({@code plan retire}): the site serves its pin set with
 * {@code max-age=0} (a user agent that notes it forgets the pins), keeps every key a cached header may
 * pin, and serves no pin header at all once the last header any client may still cache has expired;
 * only then may keys be pruned.
 *
 * <p>When that is, is the rollover gate's question for a key no header ever pinned: the instant it
 * could be served without locking anyone out is the instant no pin is cached anywhere (plus the gate's
 * margin). While an enforcing header with a max-age is still served, that instant is not known yet.
 *
 * @param retiredAt    when the retirement was recorded
 * @param pinsExpireAt from when no client caches a pin of the site (the longest cached max-age has
 *                     passed, plus the gate's margin), or null while an enforcing header is still served
 */
public record PlanRetirement(Instant retiredAt, Instant pinsExpireAt) {
    /** A pin no key has: the stand-in for "a key no header pins". */
    private static final Pin UNPINNED = Pin.ofDigest(new byte[Pin.LENGTH]);

    /** The retirement of {@code stored} as its history says it stands, or null when the plan is not retired. */
    static PlanRetirement of(StoredPlan stored, List<String> hosts, RolloverGate gate) {
        if (!stored.settings().isRetired()) {
            return null;
        }
        Schedule history = stored.history();
        Instant expire = history.hosts().isEmpty() ? stored.settings().retiredAt()
                : gate.safeFrom(history, hosts, new Chain(null, List.of(UNPINNED)), false);
        return new PlanRetirement(stored.settings().retiredAt(), expire);
    }

    /** Whether every pin has left every client's cache at {@code at}: no header is sent, keys may be pruned. */
    public boolean over(Instant at) {
        return pinsExpireAt != null && !at.isBefore(pinsExpireAt);
    }

    /**
     * The headers to serve at {@code at}: the pin set with {@code max-age=0} while a header may be cached
     * (and no report-only header: nothing is to be learnt any more), none once {@link #over}.
     */
    public List<PkpHeader> headers(PinPolicy policy, Instant at) {
        return over(at) ? List.of() : List.of(policy.header(0));
    }

    /** One line for the operator: where the wind-down stands at {@code at}. */
    public String describe(Instant at) {
        if (over(at)) {
            return "retired since " + retiredAt + "; no client caches a pin since " + pinsExpireAt
                    + ": no pin header is sent, and keys may be pruned";
        }
        if (pinsExpireAt == null) {
            return "retired since " + retiredAt + "; deploy the max-age=0 header: the pins expire from caches a"
                    + " full max-age after the last enforcing header was served";
        }
        return "retired since " + retiredAt + "; serving max-age=0 until the last cached pin expires at "
                + pinsExpireAt + "; every pinned key is kept until then";
    }

    /** The refusal of a step a retired plan no longer takes. */
    static PlanException refusal(String site, String step) {
        return new PlanException("the plan of site " + site + " is retired: no " + step + " (pinning is being wound"
                + " down)");
    }
}
