package dev.pinkeeper.status;

import java.util.List;

import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.RampStatus;
import dev.pinkeeper.plan.RampStep;
import dev.pinkeeper.plan.site.PlanRetirement;
import dev.pinkeeper.plan.site.Rotation;

/**
 * A site's plan at the instant looked at.
 *
 * @param version    the live plan version
 * @param stage      where the site stands on its ramp, or null while nothing was recorded as served
 * @param served     the headers recorded as served now (by the last deployment or {@code plan advance})
 * @param toServe    the headers the plan serves now (differs from {@code served} until the next deployment)
 * @param nextStep   the next ramp step and when it is allowed, or null when none is ahead
 * @param rollovers  each current key with a next key: when its rollover is due and when it is safe
 * @param retirement how a retired plan winds pinning down, or null
 * @param advice     the policy's advice (one backup only, one algorithm only, CA pins, …)
 */
public record PlanStatus(int version, RampStatus stage, List<PkpHeader> served, List<PkpHeader> toServe,
                         RampStep nextStep, List<Rotation> rollovers, PlanRetirement retirement, List<String> advice) {
    public PlanStatus {
        served = List.copyOf(served);
        toServe = List.copyOf(toServe);
        rollovers = List.copyOf(rollovers);
        advice = List.copyOf(advice);
    }

    /** Whether what the plan serves now is what is recorded as served. */
    public boolean deployed() {
        return served.equals(toServe);
    }
}
