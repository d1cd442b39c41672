package dev.pinkeeper.rehearse;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.lifecycle.Renewal;
import dev.pinkeeper.lifecycle.SiteRenewal;
import dev.pinkeeper.plan.Durations;
import dev.pinkeeper.plan.RampStatus;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.Rotation;

/**
 * {@code pinkeeper renew} whenever something is due, on the simulated clock: the ramp from report-only to
 * enforcement step by step, the planned rollover when the first key's lifetime is over, and the next
 * rollover that waits while clients still cache headers without the new next key's pin and is done at the
 * instant the gate said. Each renew is checked against what it must do, and the server after it.
 */
final class RenewalSteps {
    private final KeyInventory inventory;
    private final PlanService plans;
    private final RehearsalLog log;
    private final SiteChecks checks;

    RenewalSteps(KeyInventory inventory, PlanService plans, RehearsalLog log, SiteChecks checks) {
        this.inventory = inventory;
        this.plans = plans;
        this.log = log;
        this.checks = checks;
    }

    /** Every renew from the first deployment (at {@code deployed}) through the second rollover; returns the last one's instant. */
    Instant run(Instant deployed) throws IOException, InventoryException, PlanException {
        Instant at = enforced(deployed);
        Instant firstDue = rotation(at).dueAt();
        rampClimbed(at, firstDue);
        return rolledOverTwice(firstDue);
    }

    /** After the report-only period: renew steps to max-age=300, and again at once finds nothing due. */
    private Instant enforced(Instant deployed) throws IOException, InventoryException, PlanException {
        Instant at = plans.view(Rehearsal.SITE, deployed).stage().nextAt();
        renewed(at, "renew after the 7-day report-only period", "ramp step to enforcing max-age=300, nginx reloaded",
                rampStep(300));
        checks.verified(at);
        checks.served(at, "Public-Key-Pins");
        renewed(at, "renew again at once", "nothing due", r -> r.outcome() == SiteRenewal.Outcome.NOTHING_DUE);
        return at;
    }

    /** From {@code at}, renews at each ramp step due before {@code firstDue}. */
    private void rampClimbed(Instant at, Instant firstDue) throws IOException, InventoryException, PlanException {
        boolean climbing = true;
        for (RampStatus stage = plans.view(Rehearsal.SITE, at).stage(); climbing && stage.nextAt() != null
                && stage.nextAt().isBefore(firstDue); stage = plans.view(Rehearsal.SITE, at).stage()) {
            at = stage.nextAt();
            climbing = renewed(at, "renew when the ramp's next step is due", "ramp step to max-age="
                    + stage.nextMaxAge() + " (" + Durations.human(stage.nextMaxAge()) + ")", rampStep(stage.nextMaxAge()))
                    .outcome() == SiteRenewal.Outcome.DONE;
            checks.verified(at);
        }
    }

    /**
     * The planned rollover when the first key's lifetime is over, then the next one: renew waits while
     * clients cache headers without the new next key's pin, and rolls over at the instant it said.
     * Returns the instant of the last renew.
     */
    private Instant rolledOverTwice(Instant firstDue) throws IOException, InventoryException, PlanException {
        Rotation planned = rotation(firstDue);
        rolledOver(planned, firstDue, "renew when the current key's " + Rehearsal.KEY_LIFETIME.toDays()
                + "-day lifetime is over", "rolled over to the next key (pinned in every header served), deployed");

        Rotation next = rotation(firstDue);
        String liveBefore = checks.liveRelease();
        SiteRenewal waiting = renewed(next.dueAt(), "renew when the new key's lifetime is over",
                "WAITING: clients still cache headers without the new next key's pin",
                r -> r.outcome() == SiteRenewal.Outcome.WAITING && r.waitUntil() != null
                        && r.waitUntil().isAfter(next.dueAt()));
        checks.unchanged(next.dueAt(), next, liveBefore);
        Instant at = next.dueAt();
        if (waiting.waitUntil() != null) {
            at = waiting.waitUntil();
            rolledOver(next, at, "renew at the instant the gate said (waitUntil)",
                    "rolled over to the next key (and the ramp's last step, due meanwhile), deployed");
        }
        return at;
    }

    private static Predicate<SiteRenewal> rampStep(long maxAge) {
        return r -> r.outcome() == SiteRenewal.Outcome.DONE && r.message().contains("ramp step to max-age=" + maxAge);
    }

    /** The rotation of the site's (single) current key, as the plan sees it at {@code at}. */
    private Rotation rotation(Instant at) throws InventoryException, PlanException {
        List<Rotation> rotations = plans.view(Rehearsal.SITE, at).rotations();
        if (rotations.isEmpty()) {
            throw new IllegalStateException("the plan has no rotation for the current key at " + at);
        }
        return rotations.get(0);
    }

    /** Runs {@code pinkeeper renew} for the site at {@code at}. */
    private SiteRenewal renewed(Instant at, String what, String expected, Predicate<SiteRenewal> behaved) {
        SiteRenewal renewal = new Renewal(inventory).renewOne(Rehearsal.SITE, at);
        log.record(what, at, expected, renewal.outcome() + ": " + renewal.message(), behaved.test(renewal));
        return renewal;
    }

    /** A renew that must roll {@code rotation}'s current key over to its next key; then the checks. */
    private void rolledOver(Rotation rotation, Instant at, String what, String expected)
            throws IOException, InventoryException, PlanException {
        KeyEntry old = rotation.current();
        KeyEntry promoted = rotation.next().key();
        renewed(at, what, expected, r -> r.outcome() == SiteRenewal.Outcome.DONE
                && r.message().contains("rolled over key " + old.id() + " to " + promoted.id()));
        checks.verified(at);
        checks.rolledOver(at, old, promoted);
    }
}
