/**
 * The pin plan: which pins a site publishes and when, the gate that makes a key rollover safe,
 * and the lockout simulator that proves a served history (or a planned one) never locks out a
 * returning visitor.
 *
 * <p>Everything in this package is pure: it takes plain values (pins, headers, chains, instants) and never
 * reads files or keys. A {@link dev.pinkeeper.plan.Schedule} says what each host served and when;
 * {@link dev.pinkeeper.plan.LockoutSimulator} finds every failing (first visit, later visit) pair of
 * it as failure windows; {@link dev.pinkeeper.plan.RolloverGate} and
 * {@link dev.pinkeeper.plan.PlanGuard} refuse a step before it locks anyone out, and say why in one
 * {@link dev.pinkeeper.plan.StepVerdict};
 * {@link dev.pinkeeper.plan.PinPolicy}, {@link dev.pinkeeper.plan.Ramp} and
 * {@link dev.pinkeeper.plan.Plan} describe and drive a site's plan. Key roles are the key
 * inventory's {@link dev.pinkeeper.keys.KeyRole}; the subpackage {@code site} keeps a site's plan in
 * the state directory beside its keys ({@link dev.pinkeeper.plan.site.PlanService}).
 *
 * <p>Times are whole seconds: a visit happens at a second, an interval {@code [from, until)} serves
 * at the seconds {@code from … until-1}, and a header noted at second {@code t} with
 * {@code max-age=m} is enforced at the seconds {@code t … t+m-1}.
 */
package dev.pinkeeper.plan;
