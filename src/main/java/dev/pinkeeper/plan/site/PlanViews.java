package dev.pinkeeper.plan.site;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.StepVerdict;
import dev.pinkeeper.plan.HostTimeline;
import dev.pinkeeper.plan.PinPolicy;
import dev.pinkeeper.plan.Plan;
import dev.pinkeeper.plan.PlanGuard;
import dev.pinkeeper.plan.RampStep;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.ServedPeriod;

/**
 * What a site's plan says at an instant ({@link PlanView}): the headers and chains to serve, the ramp stage and
 * the steps ahead, each pinned key's outlook and the rotations due, read from the live keys and a plan version.
 */
final class PlanViews {
    private final RolloverGate gate;
    private final PlanGuard guard;

    PlanViews(RolloverGate gate, PlanGuard guard) {
        this.gate = gate;
        this.guard = guard;
    }

    /** The guard the plan's steps are checked with. */
    PlanGuard guard() {
        return guard;
    }

    PlanView view(SiteInventory live, StoredPlan stored, Instant at) throws PlanException {
        PinPolicy policy = policy(live, stored);
        List<String> hosts = live.domains();
        Schedule history = stored.history();
        List<Pin> issuers = stored.settings().issuerPins();
        List<ServedPeriod> apex = history.timeline(hosts.get(0)).map(HostTimeline::intervals).orElse(List.of());
        List<PkpHeader> servedHeaders = List.of();
        List<Chain> servedChains = List.of();
        List<PkpHeader> headers;
        dev.pinkeeper.plan.RampStatus stage = null;
        List<RampStep> upcoming;
        if (apex.isEmpty()) {
            headers = List.of(policy.reportOnlyHeader());
            upcoming = policy.ramp().timeline(at);
        } else {
            Plan plan = new Plan(policy, hosts, issuers, history, at, gate, guard);
            ServedPeriod now = servedAt(apex, at);
            servedHeaders = now == null ? List.of() : now.headers();
            servedChains = now == null ? List.of() : now.chains();
            headers = plan.stageHeaders();
            stage = plan.rampStatus();
            upcoming = plan.upcomingSteps();
        }
        PlanRetirement retirement = PlanRetirement.of(stored, hosts, gate);
        if (retirement != null) {
            headers = apex.isEmpty() ? List.of() : retirement.headers(policy, at);
            stage = stage == null ? null : new dev.pinkeeper.plan.RampStatus(stage.maxAge(), stage.reportOnly(), null, null);
            upcoming = List.of();
        }
        Set<Pin> servedLeaves = new HashSet<>();
        servedChains.forEach(c -> servedLeaves.add(c.leaf()));
        List<KeyOutlook> keys = outlooks(live, history, issuers, apex.isEmpty(), servedLeaves, at);
        return new PlanView(stored, live, at, policy, servedHeaders, servedChains, headers,
                chainsToServe(policy, history, hosts, issuers, servedLeaves, at), stage, upcoming, keys,
                apex.isEmpty() || retirement != null ? List.of() : rotations(live, stored, keys), retirement);
    }

    /**
     * Each pinned key's outlook: a current key served now (or before anything was served) needs no gate; every
     * other key, whether the gate lets it be served at {@code at}, and from when it would.
     */
    private List<KeyOutlook> outlooks(SiteInventory live, Schedule history, List<Pin> issuers, boolean nothingServed,
            Set<Pin> servedLeaves, Instant at) {
        List<String> hosts = live.domains();
        List<KeyOutlook> keys = new ArrayList<>();
        for (KeyEntry key : live.pinned()) {
            Instant published = InventoryKeys.publishedSince(history, hosts.get(0), key.pin());
            if (key.role() == KeyRole.CURRENT && (nothingServed || servedLeaves.contains(key.pin()))) {
                keys.add(new KeyOutlook(key, published, null, null));
                continue;
            }
            boolean emergency = key.role() == KeyRole.BACKUP;
            Chain chain = chainOf(key.pin(), issuers);
            StepVerdict decision = emergency ? gate.checkEmergency(history, hosts, chain, at)
                    : gate.check(history, hosts, chain, at);
            keys.add(new KeyOutlook(key, published, gate.safeFrom(history, hosts, chain, emergency), decision));
        }
        return keys;
    }

    /** When each current key with a next key is due for its rollover ({@link PlanSettings#keyLifetime}). */
    private static List<Rotation> rotations(SiteInventory live, StoredPlan stored, List<KeyOutlook> outlooks) {
        String apex = live.domains().get(0);
        Duration lifetime = stored.settings().keyLifetime();
        List<Rotation> rotations = new ArrayList<>();
        for (KeyEntry current : live.current()) {
            KeyEntry next = live.nextFor(current.id()).orElse(null);
            if (next == null) {
                continue;
            }
            KeyOutlook nextOutlook = outlooks.stream().filter(o -> o.key().id().equals(next.id())).findFirst().orElseThrow();
            Instant servedSince = InventoryKeys.servedSince(stored.history(), apex, current.pin());
            Instant dueAt = lifetime == null || servedSince == null ? null : servedSince.plus(lifetime);
            rotations.add(new Rotation(current, servedSince, dueAt, nextOutlook));
        }
        return rotations;
    }

    /** The interval served at {@code at}, or null. */
    private static ServedPeriod servedAt(List<ServedPeriod> intervals, Instant at) {
        for (int i = intervals.size() - 1; i >= 0; i--) {
            ServedPeriod served = intervals.get(i);
            if (!served.from().isAfter(at)) {
                return served.until() == null || served.until().isAfter(at) ? served : null;
            }
        }
        return null;
    }

    /**
     * One chain per current key, leaving out a current key not served yet while serving it would be
     * unsafe (its pin is not in every header still cached).
     */
    private List<Chain> chainsToServe(PinPolicy policy, Schedule history, List<String> hosts, List<Pin> issuers,
                                      Set<Pin> servedLeaves, Instant at) {
        List<Chain> all = Plan.chains(policy, issuers);
        if (servedLeaves.isEmpty()) {
            return all;
        }
        List<Chain> chains = all.stream().filter(c -> servedLeaves.contains(c.leaf())
                || gate.check(history, hosts, c, at).safe()).toList();
        return chains.isEmpty() ? all : chains;
    }

    static PinPolicy policy(SiteInventory live, StoredPlan stored) throws PlanException {
        try {
            return InventoryKeys.policy(live, stored.settings());
        } catch (IllegalArgumentException e) {
            throw new PlanException("site " + live.site() + ": " + e.getMessage(), e);
        }
    }

    /** The chain of a key under the plan's issuer pins. */
    static Chain chainOf(Pin leaf, List<Pin> issuers) {
        List<Pin> pins = new ArrayList<>();
        pins.add(leaf);
        issuers.stream().filter(p -> !p.equals(leaf)).forEach(pins::add);
        return new Chain(null, pins);
    }
}
