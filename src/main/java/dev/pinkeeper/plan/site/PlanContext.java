package dev.pinkeeper.plan.site;

import java.time.Instant;
import java.util.List;

import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.plan.HostTimeline;
import dev.pinkeeper.plan.PinPolicy;
import dev.pinkeeper.plan.Plan;
import dev.pinkeeper.plan.PlanGuard;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.ServedPeriod;

/** The live plan of a site and what every change of it needs: its hosts, its policy, the plan state machine. */
final class PlanContext {
    final StoredPlan stored;
    final List<String> hosts;
    final PinPolicy policy;

    private final RolloverGate gate;
    private final PlanGuard guard;

    private PlanContext(StoredPlan stored, List<String> hosts, PinPolicy policy, RolloverGate gate, PlanGuard guard) {
        this.stored = stored;
        this.hosts = hosts;
        this.policy = policy;
        this.gate = gate;
        this.guard = guard;
    }

    /** Refuses {@code step} when the plan is retired. */
    void refuseRetired(String step) throws PlanException {
        if (stored.settings().isRetired()) {
            throw PlanRetirement.refusal(stored.site(), step);
        }
    }

    List<ServedPeriod> apex() {
        return stored.history().timeline(hosts.get(0)).map(HostTimeline::intervals).orElse(List.of());
    }

    /** The plan state machine at {@code at}; refused while nothing was recorded as served. */
    Plan servedPlan(Instant at) throws PlanException {
        if (apex().isEmpty()) {
            throw new PlanException("nothing is recorded as served for site " + stored.site()
                    + " yet: serve the plan's header, then advance the plan",
                    Remedy.run(Remedy.Operation.PLAN_SHOW, stored.site()),
                    Remedy.run(Remedy.Operation.PLAN_ADVANCE, stored.site()));
        }
        return new Plan(policy, hosts, stored.settings().issuerPins(), stored.history(), at, gate, guard);
    }

    /**
     * The live plan of {@code live}'s site, for a change at {@code at}: refused when there is no plan, or when
     * {@code at} is not after the last recorded change (the recorded history is never rewritten).
     */
    static PlanContext open(PlanStore store, SiteInventory live, Instant at, RolloverGate gate, PlanGuard guard)
            throws PlanException {
        SiteClock.checkRange(at);
        StoredPlan stored = store.live(live).orElseThrow(() -> PlanException.noPlan(live.site()));
        Instant lastStart = null;
        for (HostTimeline timeline : stored.history().hosts()) {
            for (ServedPeriod served : timeline.intervals()) {
                if (lastStart == null || served.from().isAfter(lastStart)) {
                    lastStart = served.from();
                }
            }
        }
        if (lastStart != null && !at.isAfter(lastStart)) {
            throw new PlanException("the time " + at + " is not after the last recorded change (" + lastStart
                    + "): the recorded history is never rewritten");
        }
        return new PlanContext(stored, live.domains(), PlanViews.policy(live, stored), gate, guard);
    }
}
