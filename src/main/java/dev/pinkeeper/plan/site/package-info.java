/**
 * A site's pin plan kept in the state directory, wired to its key inventory: the settings chosen at
 * {@code plan init}, the recorded history of what was served when, and the operations that change
 * them only when {@link dev.pinkeeper.plan.RolloverGate} and {@link dev.pinkeeper.plan.PlanGuard}
 * allow it.
 *
 * <p>Entry point: {@link dev.pinkeeper.plan.site.PlanService}. Every change runs under the site's
 * lock (the key inventory's transaction), writes a new immutable plan version file, and, when keys
 * change too, commits the inventory version last: the newest plan version whose keys all exist in
 * the live inventory is the live plan, so a crash leaves the old or the new state.
 *
 * <pre>{@code
 * PlanService plans = new PlanService(new KeyInventory(StateDirectory.resolve(null)));
 * plans.init("example", PlanSettings.DEFAULT, Instant.now());
 * PlanView view = plans.view("example", Instant.now());        // the headers to serve now
 * plans.markServed("example", view.headers(), view.chains(), Instant.now());
 * plans.rollover("example", null, Instant.now(), false);        // refused until the gate allows it
 * for (Rotation due : plans.view("example", Instant.now()).dueRotations()) {   // key lifetime over
 *     if (due.safe()) plans.rollover("example", due.current().id(), Instant.now(), false);
 * }
 * }</pre>
 */
package dev.pinkeeper.plan.site;
