package dev.pinkeeper.plan.site;

/**
 * What {@link PlanService#retirePlan} did: the plan version that records the retirement and how pinning now
 * winds down.
 *
 * @param plan       the plan version written (in a dry run, the one that would be)
 * @param retirement the wind-down that version makes
 */
public record RetiredPlan(StoredPlan plan, PlanRetirement retirement) {
}
