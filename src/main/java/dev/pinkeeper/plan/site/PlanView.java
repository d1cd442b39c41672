package dev.pinkeeper.plan.site;

import java.time.Instant;
import java.util.List;

import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.PinPolicy;
import dev.pinkeeper.plan.RampStatus;
import dev.pinkeeper.plan.RampStep;

/**
 * A site's plan at one instant, as {@code plan show} prints it.
 *
 * @param stored        the live plan version
 * @param inventory     the live key inventory
 * @param at            the instant looked at
 * @param policy        the pin policy (inventory keys and plan settings)
 * @param servedHeaders the headers recorded as served at {@code at} (empty when none)
 * @param servedChains  the chains recorded as served at {@code at} (empty when none)
 * @param headers       the headers to serve at {@code at}: the current ramp stage with today's pin set
 * @param chains        the chains to serve with them (one per current key that may be served)
 * @param stage         where the site stands on its ramp, or null while nothing was recorded as served
 * @param upcoming      the ramp steps still ahead, each at the earliest time it is allowed
 * @param keys          every pinned key with since when it is published and when it may become current
 * @param rotations     for each current key with a next key, when its lifetime ends and whether the
 *                      gate lets it be rolled over now (empty while nothing was recorded as served)
 */
public record PlanView(StoredPlan stored, SiteInventory inventory, Instant at, PinPolicy policy,
                       List<PkpHeader> servedHeaders, List<Chain> servedChains, List<PkpHeader> headers, List<Chain> chains, RampStatus stage,
                       List<RampStep> upcoming, List<KeyOutlook> keys,
                       List<Rotation> rotations) {
    public PlanView {
        servedHeaders = List.copyOf(servedHeaders);
        servedChains = List.copyOf(servedChains);
        headers = List.copyOf(headers);
        chains = List.copyOf(chains);
        upcoming = List.copyOf(upcoming);
        keys = List.copyOf(keys);
        rotations = List.copyOf(rotations);
    }

    /** The policy's advice ({@link PinPolicy#warnings()}). */
    public List<String> warnings() {
        return policy.warnings();
    }

    /** The rotations due at {@link #at} (the key lifetime is over), safe or not. */
    public List<Rotation> dueRotations() {
        return rotations.stream().filter(r -> r.dueAt(at)).toList();
    }

    /** Whether the headers and chains to serve are the ones recorded as served (nothing to deploy). */
    public boolean upToDate() {
        return headers.equals(servedHeaders) && chains.equals(servedChains);
    }
}
