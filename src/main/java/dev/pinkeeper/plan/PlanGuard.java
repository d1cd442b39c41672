package dev.pinkeeper.plan;

import java.util.Collection;

/**
 * The check every plan operation makes before it acts: given the history so far and the proposed
 * next step (what the hosts will serve from an instant on), would anyone be locked out from then on?
 * It simulates the history followed by the step, served indefinitely, from the step's start on.
 */
public final class PlanGuard {
    private final LockoutSimulator simulator;

    /** A guard using the worst-case (uncapped) simulator. */
    public PlanGuard() {
        this(new LockoutSimulator());
    }

    public PlanGuard(LockoutSimulator simulator) {
        this.simulator = simulator;
    }

    /** Whether serving {@code step} on {@code hosts} after {@code history} locks anyone out. */
    public StepVerdict check(Schedule history, Collection<String> hosts, ServedPeriod step) {
        Schedule after = history.then(hosts, step);
        return StepVerdict.simulated(step.from(), simulator.simulate(after, step.from()).lockouts());
    }
}
