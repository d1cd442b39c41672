package dev.pinkeeper.lifecycle;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes which key a site serves through its plan ({@link PlanService}, which asks the
 * {@link RolloverGate}): a planned rollover to the pre-published next key (only once every header
 * still cached pins it, plus the gate's margin), or an emergency switch to a backup key (the current
 * one is lost or compromised; no margin). {@link #checkRollover} and {@link #checkEmergency} answer
 * first without changing anything, so that a caller can get the certificate for the new key before
 * the switch; the caller then deploys.
 */
public final class KeySwitch {
    private final KeyInventory inventory;
    private final PlanService plans;

    public KeySwitch(KeyInventory inventory) {
        this(new PlanService(inventory));
    }

    /** Key switches through {@code plans} (and its inventory). */
    public KeySwitch(PlanService plans) {
        this.inventory = plans.inventory();
        this.plans = plans;
    }

    /**
     * The keys {@link #rollover} would make current now, changing nothing.
     *
     * @throws RefusedStepException when the gate refuses one (its {@code allowedFrom} says when to try again),
     *                              or the site has no next key
     * @throws PlanException        when the site has no plan, or nothing is recorded as served yet
     */
    public List<KeyEntry> checkRollover(String site, Instant at)
            throws InventoryException, PlanException, RefusedStepException {
        List<KeyEntry> next = new ArrayList<>();
        SiteInventory live = inventory.load(site);
        for (KeyEntry current : live.current()) {
            if (live.nextFor(current.id()).isPresent()) {
                next.add(plans.checkRollover(site, current.id(), at));
            }
        }
        if (next.isEmpty()) {
            throw new RefusedStepException("site " + site + " has no next key to roll over to", null);
        }
        return next;
    }

    /**
     * Rolls every current key of the site that has a next key over to it.
     *
     * @return the new current keys
     * @throws RefusedStepException when the gate refuses (nothing changes for that key); its
     *                              {@code allowedFrom} says when to try again
     */
    public List<KeyEntry> rollover(String site, Instant at) throws InventoryException, PlanException, RefusedStepException {
        checkRollover(site, at);
        List<KeyEntry> promoted = new ArrayList<>();
        for (KeyEntry current : inventory.load(site).current()) {
            if (inventory.load(site).nextFor(current.id()).isPresent()) {
                // a second key's rollover comes a second after the first one recorded at the same time
                Instant when = ImplicitPlan.notBeforeLastChange(plans.load(site), at);
                KeyChange change = plans.rollover(site, current.id(), when, false);
                promoted.add(change.promoted());
            }
        }
        return promoted;
    }

    /**
     * The backup key {@link #emergency} would make current now, changing nothing.
     *
     * @throws RefusedStepException when a header still cached does not pin the backup
     */
    public KeyEntry checkEmergency(String site, String backupReference, Instant at)
            throws InventoryException, PlanException, RefusedStepException {
        KeyEntry[] pair = pair(site, backupReference);
        return plans.checkEmergency(site, pair[0].id(), pair[1].id(), at);
    }

    /**
     * Emergency: backup {@code backupReference} replaces the current key of the same family (or the
     * only current key).
     *
     * @return the change: the new current key (the former backup), the replaced key, and the replacement
     *         backup generated in its place (online until exported)
     * @throws RefusedStepException when a header still cached does not pin the backup
     */
    public KeyChange emergency(String site, String backupReference, Instant at)
            throws InventoryException, PlanException, RefusedStepException {
        KeyEntry[] pair = pair(site, backupReference);
        return plans.emergency(site, pair[0].id(), pair[1].id(), at, false);
    }

    /** The backup key and the current key it replaces. */
    private KeyEntry[] pair(String site, String backupReference) throws InventoryException {
        SiteInventory live = inventory.load(site);
        KeyEntry backup = live.find(backupReference);
        if (backup.role() != KeyRole.BACKUP) {
            throw new InventoryException(backupReference + " is a " + backup.role().label() + " key, not a backup key");
        }
        List<KeyEntry> current = live.current();
        KeyEntry replaced = current.stream().filter(k -> k.algorithm().family().equals(backup.algorithm().family()))
                .findFirst().orElse(current.size() == 1 ? current.get(0) : null);
        if (replaced == null) {
            throw new InventoryException("site " + site + " has no current " + backup.algorithm().family()
                    + " key for backup " + backup.id() + " to replace");
        }
        return new KeyEntry[] {backup, replaced};
    }
}
