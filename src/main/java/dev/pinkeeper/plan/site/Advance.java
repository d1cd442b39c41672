package dev.pinkeeper.plan.site;

/**
 * What {@link PlanService#advanceStep} did: the plan version after it, and whether a new one was recorded (what
 * the view gives was not recorded as served yet).
 *
 * @param plan     the live plan version after the step (the same version when nothing was new)
 * @param recorded whether a new plan version was written
 */
public record Advance(StoredPlan plan, boolean recorded) {
}
