package dev.pinkeeper.plan.site;

import java.security.SecureRandom;
import java.time.Instant;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.PinnedKey;
import dev.pinkeeper.plan.RefusedStepException;

/**
 * Whether a planned rollover or an emergency promotion is allowed, decided before anything is generated (a
 * refusal leaves no trace): the keys it involves, once the plan state machine accepts the step with a
 * placeholder for the key the step will generate.
 */
final class KeyStepDecisions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyStepDecisions() {
    }

    /** The current key and its next key, once the plan allows the rollover (placeholder for the new next key). */
    static KeyEntry[] rollover(SiteInventory before, PlanContext context, String currentRef, Instant at,
                                      boolean force) throws InventoryException, PlanException, RefusedStepException {
        context.refuseRetired("planned rollover");
        KeyEntry current = role(before, currentRef == null ? "current" : currentRef, KeyRole.CURRENT);
        KeyEntry next = before.nextFor(current.id()).orElseThrow(() -> new PlanException(
                "current key " + current.id() + " has no next key to roll over to"));
        context.servedPlan(at).rollover(current.pin(), next.pin(), placeholder(KeyRole.NEXT), force);
        return new KeyEntry[] {current, next};
    }

    /** The backup key and the current key it replaces, once the plan allows the promotion. */
    static KeyEntry[] emergency(SiteInventory before, PlanContext context, String backupRef, String lostRef,
                                       Instant at, boolean force)
            throws InventoryException, PlanException, RefusedStepException {
        KeyEntry backup = role(before, backupRef, KeyRole.BACKUP);
        KeyEntry lost = role(before, lostRef == null ? "current" : lostRef, KeyRole.CURRENT);
        context.servedPlan(at).promoteBackup(lost.pin(), backup.pin(), placeholder(KeyRole.BACKUP), force);
        return new KeyEntry[] {backup, lost};
    }

    private static KeyEntry role(SiteInventory inventory, String reference, KeyRole role)
            throws InventoryException, PlanException {
        KeyEntry key = inventory.find(reference);
        if (key.role() != role) {
            throw new PlanException("key " + key.id() + " of site " + inventory.site() + " is "
                    + key.role().label() + ", not " + role.label());
        }
        return key;
    }

    private static PinnedKey placeholder(KeyRole role) {
        byte[] digest = new byte[Pin.LENGTH];
        RANDOM.nextBytes(digest);
        return new PinnedKey(Pin.ofDigest(digest), role, null);
    }
}
