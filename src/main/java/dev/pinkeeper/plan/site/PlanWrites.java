package dev.pinkeeper.plan.site;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.pinkeeper.keys.InventoryChange;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.site.SiteTransaction;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.StepVerdict;
import dev.pinkeeper.plan.PlanGuard;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.ServedPeriod;

/**
 * How a change of a site's plan is written: in one site transaction ({@link SiteTransaction}, under the site's
 * lock) it decides (a refusal stages nothing), records what the keys' publication became, stages the plan
 * version, and lets the key inventory version, which makes it live, commit last.
 */
final class PlanWrites {
    private final KeyInventory inventory;
    private final PlanStore store;
    private final RolloverGate gate;
    private final PlanGuard guard;

    PlanWrites(KeyInventory inventory, PlanStore store, RolloverGate gate, PlanGuard guard) {
        this.inventory = inventory;
        this.store = store;
        this.gate = gate;
        this.guard = guard;
    }

    StoredPlan serve(InventoryChange change, PlanContext context, List<PkpHeader> headers, List<Chain> chains,
                             Instant at, boolean force) throws InventoryException, PlanException, RefusedStepException {
        List<ServedPeriod> apex = context.apex();
        if (!apex.isEmpty()) {
            ServedPeriod last = apex.get(apex.size() - 1);
            if (last.open() && last.headers().equals(headers) && last.chains().equals(chains)) {
                return context.stored;
            }
        }
        ServedPeriod step = new ServedPeriod(at, null, headers, chains);
        if (!force) {
            StepVerdict verdict = guard.check(context.stored.history(), context.hosts, step);
            if (!verdict.safe()) {
                throw new RefusedStepException(verdict.message(), null, true);
            }
        }
        return commit(change, context, context.stored.history().then(context.hosts, step),
                force ? "forced served" : "served", at);
    }

    /** Records each key's publication and safe-from instants in the inventory, then writes the plan version. */
    StoredPlan commit(InventoryChange change, PlanContext context, Schedule history, String what, Instant at)
            throws InventoryException, PlanException {
        List<Pin> issuers = context.stored.settings().issuerPins();
        for (KeyEntry key : change.preview().pinned()) {
            Instant published = InventoryKeys.publishedSince(history, context.hosts.get(0), key.pin());
            if (!Objects.equals(published, key.publishedSince())) {
                change.setPublishedSince(key.id(), published);
            }
            Instant safe = key.role() == KeyRole.CURRENT ? null
                    : gate.safeFrom(history, context.hosts, PlanViews.chainOf(key.pin(), issuers), key.role() == KeyRole.BACKUP);
            if (!Objects.equals(safe, key.safeFrom())) {
                change.setSafeFrom(key.id(), safe);
            }
        }
        return store.write(change, change.preview(), what, context.stored.settings(), history, at);
    }

    @FunctionalInterface
    interface Step<T> {
        T apply(InventoryChange change) throws InventoryException, PlanException, RefusedStepException;
    }

    /**
     * Runs {@code step} in the site's transaction: it decides on the change (a refusal stages nothing), the
     * key changes and the plan version are staged, and the commit writes the plan version first and the
     * key inventory version, which makes it live, last.
     */
    <T> T transact(String site, String description, Step<T> step)
            throws InventoryException, PlanException, RefusedStepException {
        try (SiteTransaction transaction = inventory.transaction(site)) {
            InventoryChange change = inventory.change(transaction);
            T result = step.apply(change);
            inventory.stage(change, description);
            KeyInventory.commit(transaction);
            return result;
        }
    }
}
