package dev.pinkeeper.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;

/**
 * A site's pin plan as an immutable state machine: its policy (which keys play which role), the
 * hosts it serves, the issuer pins of its certificates, the history of what was served, and the
 * clock. Each operation returns the next state, after checking it with the {@link RolloverGate}
 * and the {@link PlanGuard}; unsafe steps are refused unless forced (rollovers and emergencies take
 * {@code force}; the refusal then says it is {@link RefusedStepException#overridable}).
 *
 * <pre>{@code
 * Plan plan = Plan.start(policy, List.of("example.com"), List.of(intermediatePin), now);
 * plan = plan.advance(Duration.ofDays(7)).rampStep();       // report-only → max-age=300
 * plan = plan.advance(Duration.ofDays(60)).rollover(current, next, newNext, false);
 * }</pre>
 *
 * @param policy     the keys and their roles, ramp and directives
 * @param hosts      the host names served with the same certificates (apex first)
 * @param issuerPins the pins after the leaf in the served chains (intermediate, root)
 * @param history    what was served so far (the last interval of each host is open)
 * @param now        the plan's clock
 * @param gate       the rollover gate
 * @param guard      the lockout guard
 */
public record Plan(PinPolicy policy, List<String> hosts, List<Pin> issuerPins, Schedule history, Instant now,
                   RolloverGate gate, PlanGuard guard) {
    public Plan {
        hosts = List.copyOf(hosts);
        issuerPins = List.copyOf(issuerPins);
        Objects.requireNonNull(now, "now");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a plan serves at least one host");
        }
    }

    /** A plan that starts serving the report-only header at {@code at}. */
    public static Plan start(PinPolicy policy, List<String> hosts, List<Pin> issuerPins, Instant at) {
        return start(policy, hosts, issuerPins, at, new RolloverGate(), new PlanGuard());
    }

    /** {@link #start(PinPolicy, List, List, Instant)} with a given gate and guard. */
    public static Plan start(PinPolicy policy, List<String> hosts, List<Pin> issuerPins, Instant at,
                             RolloverGate gate, PlanGuard guard) {
        Plan empty = new Plan(policy, hosts, issuerPins, Schedule.empty(), at, gate, guard);
        return empty.serve(List.of(policy.reportOnlyHeader()), policy, issuerPins);
    }

    /** The chains served under {@code keys}: one per current key, leaf then issuer pins. */
    public static List<Chain> chains(PinPolicy keys, List<Pin> issuerPins) {
        List<Chain> chains = new ArrayList<>();
        for (PinnedKey key : keys.keys(KeyRole.CURRENT)) {
            List<Pin> pins = new ArrayList<>();
            pins.add(key.pin());
            issuerPins.stream().filter(p -> !p.equals(key.pin())).forEach(pins::add);
            chains.add(new Chain(key.algorithm(), pins));
        }
        return chains;
    }

    /** Where the apex host stands on the ramp now. */
    public RampStatus rampStatus() {
        return policy.ramp().status(history.timeline(hosts.get(0)).orElseThrow(), now);
    }

    /** The ramp steps still ahead (for {@code plan show}), each as early as allowed. */
    public List<RampStep> upcomingSteps() {
        return policy.ramp().remaining(rampStatus());
    }

    /** The headers served now (on the apex host). */
    public List<PkpHeader> servedHeaders() {
        List<ServedPeriod> intervals = history.timeline(hosts.get(0)).orElseThrow().intervals();
        return intervals.get(intervals.size() - 1).headers();
    }

    /** The same plan later: the clock moves on, what is served stays. */
    public Plan advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock does not go back");
        }
        return new Plan(policy, hosts, issuerPins, history, now.plus(duration), gate, guard);
    }

    /** A renewed certificate for the same keys (possibly from another intermediate): refused if it locks anyone out. */
    public Plan renew(List<Pin> newIssuerPins) throws RefusedStepException {
        return guarded(servedHeadersFor(policy), policy, newIssuerPins, false, false);
    }

    /** The next ramp step (report-only → first max-age → … → final max-age), refused before it is due. */
    public Plan rampStep() throws RefusedStepException {
        RampStatus status = rampStatus();
        if (status.nextMaxAge() == null) {
            throw new RefusedStepException(status.maxAge() == null
                    ? "no pinning header is served: the ramp starts with the report-only header"
                    : "the ramp is complete: max-age " + status.maxAge() + " is served", null);
        }
        if (!status.dueAt(now)) {
            throw new RefusedStepException("the next ramp step (max-age=" + status.nextMaxAge() + ") is allowed from "
                    + status.nextAt() + ", after the current stage was served for its whole max-age", status.nextAt());
        }
        return guarded(List.of(policy.header(status.nextMaxAge())), policy, issuerPins, false, false);
    }

    /**
     * Planned rollover: {@code next} becomes current in place of {@code retiring}, {@code newNext} is
     * pre-published. Refused (unless {@code force}) while a cached header lacks {@code next}'s pin.
     */
    public Plan rollover(Pin retiring, Pin next, PinnedKey newNext, boolean force) throws RefusedStepException {
        PinnedKey nextKey = key(next, KeyRole.NEXT);
        key(retiring, KeyRole.CURRENT);
        if (!force) {
            StepVerdict decision = gate.check(history, hosts, chainOf(next), now);
            if (!decision.safe()) {
                throw new RefusedStepException(decision.message(), decision.safeFrom(), true);
            }
        }
        List<PinnedKey> keys = new ArrayList<>();
        for (PinnedKey key : policy.keys()) {
            if (key.pin().equals(retiring)) {
                continue;
            }
            keys.add(key.pin().equals(next) ? nextKey.as(KeyRole.CURRENT) : key);
        }
        keys.add(newNext.as(KeyRole.NEXT));
        PinPolicy after = policy.withKeys(keys);
        return guarded(servedHeadersFor(after), after, issuerPins, force, true);
    }

    /**
     * Emergency: {@code backup} replaces the lost or compromised current key {@code lost}, and
     * {@code replacement} becomes a new backup (export it offline). Refused (unless {@code force}) when
     * a cached header lacks the backup's pin.
     */
    public Plan promoteBackup(Pin lost, Pin backup, PinnedKey replacement, boolean force) throws RefusedStepException {
        PinnedKey backupKey = key(backup, KeyRole.BACKUP);
        key(lost, KeyRole.CURRENT);
        if (!force) {
            StepVerdict decision = gate.checkEmergency(history, hosts, chainOf(backup), now);
            if (!decision.safe()) {
                throw new RefusedStepException(decision.message(), decision.safeFrom(), true);
            }
        }
        List<PinnedKey> keys = new ArrayList<>();
        for (PinnedKey key : policy.keys()) {
            if (key.pin().equals(lost)) {
                continue;
            }
            keys.add(key.pin().equals(backup) ? backupKey.as(KeyRole.CURRENT) : key);
        }
        keys.add(replacement.as(KeyRole.BACKUP));
        PinPolicy after = policy.withKeys(keys);
        return guarded(servedHeadersFor(after), after, issuerPins, force, true);
    }

    private PinnedKey key(Pin pin, KeyRole role) {
        return policy.keys(role).stream().filter(k -> k.pin().equals(pin)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(pin + " is not a " + role.name().toLowerCase() + " key"));
    }

    private Chain chainOf(Pin leaf) {
        List<Pin> pins = new ArrayList<>();
        pins.add(leaf);
        issuerPins.stream().filter(p -> !p.equals(leaf)).forEach(pins::add);
        return new Chain(null, pins);
    }

    /**
     * The headers of the current ramp stage with this plan's pin set: what the hosts should serve now
     * (they differ from {@link #servedHeaders()} after the policy's keys changed).
     */
    public List<PkpHeader> stageHeaders() {
        return servedHeadersFor(policy);
    }

    /** The headers of the current stage, with the pin set and the max-age cap of {@code keys}. */
    private List<PkpHeader> servedHeadersFor(PinPolicy keys) {
        List<PkpHeader> headers = new ArrayList<>();
        for (PkpHeader header : servedHeaders()) {
            // a max-age above the ramp's final one (the cap was lowered) is served at the cap from now on
            headers.add(header.reportOnly() ? keys.reportOnlyHeader()
                    : keys.header(Math.min(header.maxAge(), keys.ramp().finalMaxAge())));
        }
        return headers;
    }

    /** The step, unless the guard finds a lockout; {@code overridable}: the operation takes {@code force}. */
    private Plan guarded(List<PkpHeader> headers, PinPolicy after, List<Pin> newIssuerPins, boolean force,
                         boolean overridable) throws RefusedStepException {
        if (!force) {
            ServedPeriod step = new ServedPeriod(now, null, headers, chains(after, newIssuerPins));
            StepVerdict verdict = guard.check(history, hosts, step);
            if (!verdict.safe()) {
                throw new RefusedStepException(verdict.message(), null, overridable);
            }
        }
        return new Plan(after, hosts, newIssuerPins, history, now, gate, guard).serve(headers, after, newIssuerPins);
    }

    private Plan serve(List<PkpHeader> headers, PinPolicy keys, List<Pin> newIssuerPins) {
        ServedPeriod step = new ServedPeriod(now, null, headers, chains(keys, newIssuerPins));
        return new Plan(keys, hosts, newIssuerPins, history.then(hosts, step), now, gate, guard);
    }
}
