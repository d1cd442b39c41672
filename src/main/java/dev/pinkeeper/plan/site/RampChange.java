package dev.pinkeeper.plan.site;

import java.util.List;

import dev.pinkeeper.pin.PkpHeader;

/**
 * What {@link PlanService#ramp} did: the plan version of the new ramp step and the headers to serve from it on.
 *
 * @param plan    the plan version written (in a dry run, the one that would be)
 * @param headers the headers to serve from the new step on
 */
public record RampChange(StoredPlan plan, List<PkpHeader> headers) {
    public RampChange {
        headers = List.copyOf(headers);
    }
}
