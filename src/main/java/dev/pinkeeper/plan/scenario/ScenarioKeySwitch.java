package dev.pinkeeper.plan.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.CachedHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.StepVerdict;

/**
 * Whether serving one key on some hosts of a scenario from an instant locks a returning client out: the
 * {@link RolloverGate} (without margin) over the scenario's schedule, for a chain whose only pin is that key's.
 *
 * @param scenario the scenario
 * @param pin      the key's pin
 * @param hosts    the hosts the key is served on
 * @param at       from when
 * @param verdict  the gate's verdict: safe, or from when, and the cached headers that lack the pin
 */
public record ScenarioKeySwitch(Scenario scenario, Pin pin, List<String> hosts, Instant at,
                         StepVerdict verdict) {
    public ScenarioKeySwitch {
        hosts = List.copyOf(hosts);
    }

    /** The hosts a key is served on: {@code hosts}, or when none are given every host of the scenario. */
    public static List<String> targets(Scenario scenario, List<String> hosts) {
        return hosts == null || hosts.isEmpty() ? scenario.schedule().hostNames() : hosts;
    }

    /**
     * Checks serving {@code pin} on {@code hosts} ({@link #targets}) from {@code at}.
     *
     * @throws IllegalArgumentException when there is no host to serve it on
     */
    public static ScenarioKeySwitch check(Scenario scenario, LockoutSimulator simulator, Pin pin,
                                   List<String> hosts, Instant at) {
        List<String> targets = targets(scenario, hosts);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no host to serve the key on");
        }
        StepVerdict verdict = new RolloverGate(simulator, Duration.ZERO)
                .check(scenario.schedule(), targets, new Chain(null, List.of(pin)), at);
        return new ScenarioKeySwitch(scenario, pin, targets, at, verdict);
    }

    /** Whether serving the key from {@link #at} locks nobody out. */
    public boolean safe() {
        return verdict.safe();
    }

    /** The cached headers lacking the pin that clients may still hold at {@link #at} (the ones the wait is for). */
    public List<CachedHeader> liveBlockers() {
        return verdict.blockers().stream().filter(b -> b.liveUntil() == null || b.liveUntil().isAfter(at)).toList();
    }
}
