package dev.pinkeeper.plan.site;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;
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
 *                      gate lets it be rolled over now (empty while nothing was recorded as served, or
 *                      the plan is retired)
 * @param retirement    how a retired plan winds pinning down, or null while the plan is not retired
 */
public record PlanView(StoredPlan stored, SiteInventory inventory, Instant at, PinPolicy policy,
                       List<PkpHeader> servedHeaders, List<Chain> servedChains, List<PkpHeader> headers, List<Chain> chains, RampStatus stage,
                       List<RampStep> upcoming, List<KeyOutlook> keys,
                       List<Rotation> rotations, PlanRetirement retirement) {
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

    /**
     * Whether the headers and chains to serve are the ones recorded as served (nothing to deploy): the same
     * headers, and chains of the same leaf keys (a deployment records the chain it serves, intermediates
     * included, where the plan names the leaf and the pinned issuers).
     */
    public boolean upToDate() {
        return headers.equals(servedHeaders) && leaves(chains).equals(leaves(servedChains));
    }

    /**
     * The current keys whose chain is not to be served yet (a key added later, or one the plan has not
     * served before): a header still cached lacks its pin, so only the headers publish it until its
     * {@link KeyOutlook#safeFrom()}.
     */
    public List<KeyOutlook> heldBack() {
        Set<Pin> serving = leaves(chains);
        return keys.stream().filter(k -> k.key().role() == KeyRole.CURRENT && !serving.contains(k.key().pin())).toList();
    }

    /** The key of each chain to serve, by id (a chain whose leaf is no key of the site: its pin). */
    public List<String> certificateKeys() {
        return chains.stream().map(c -> inventory.byPin(c.leaf()).map(KeyEntry::id).orElse(c.leaf().base64())).toList();
    }

    /** The leaf pins of {@code chains}: the keys they serve. */
    public static Set<Pin> leaves(List<Chain> chains) {
        Set<Pin> leaves = new LinkedHashSet<>();
        chains.forEach(c -> leaves.add(c.leaf()));
        return leaves;
    }
}
