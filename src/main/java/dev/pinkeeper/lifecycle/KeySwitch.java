package dev.pinkeeper.lifecycle;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.GateDecision;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.Schedule;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes which key a site serves, after asking the {@link RolloverGate}: a planned rollover to the
 * pre-published next key (only once every header still cached pins it, plus the gate's margin), or
 * an emergency switch to a backup key (the current one is lost or compromised; no margin). The
 * inventory records the change; the caller then issues for the new current key and deploys it.
 */
public final class KeySwitch {
    private final KeyInventory inventory;
    private final RolloverGate gate = new RolloverGate();

    public KeySwitch(KeyInventory inventory) {
        this.inventory = inventory;
    }

    /**
     * Rolls every current key of the site that has a next key over to it.
     *
     * @return the new current keys
     * @throws RefusedStepException when the gate refuses one (nothing changes then); its
     *                              {@code allowedFrom} says when to try again
     */
    public List<KeyEntry> rollover(String site, Instant at) throws IOException, InventoryException, RefusedStepException {
        SiteInventory live = inventory.load(site);
        Schedule history = SitePaths.of(inventory, site).history().schedule();
        List<String[]> pairs = new ArrayList<>();
        for (KeyEntry current : live.current()) {
            KeyEntry next = live.nextFor(current.id()).orElse(null);
            if (next == null) {
                continue;
            }
            GateDecision decision = gate.check(history, live.domains(), Chain.of(next.pin()), at);
            if (!decision.safe()) {
                throw new RefusedStepException(decision.message(), decision.safeFrom());
            }
            pairs.add(new String[] {current.id(), next.id()});
        }
        if (pairs.isEmpty()) {
            throw new RefusedStepException("site " + site + " has no next key to roll over to", null);
        }
        List<KeyEntry> promoted = new ArrayList<>();
        inventory.update(site, "rollover", change -> {
            for (String[] pair : pairs) {
                promoted.add(change.promoteNext(pair[0]));
            }
        });
        return promoted;
    }

    /**
     * Emergency: backup {@code backupReference} replaces the current key of the same family (or the
     * only current key).
     *
     * @return the new current key (the former backup)
     * @throws RefusedStepException when a header still cached does not pin the backup
     */
    public KeyEntry emergency(String site, String backupReference, Instant at)
            throws IOException, InventoryException, RefusedStepException {
        SiteInventory live = inventory.load(site);
        KeyEntry backup = live.find(backupReference);
        if (backup.role() != KeyRole.BACKUP) {
            throw new InventoryException(backupReference + " is a " + backup.role().label() + " key, not a backup key");
        }
        if (backup.offline()) {
            throw new InventoryException("backup key " + backup.id() + " is offline: restore it first"
                    + " (pinkeeper keys backup restore)");
        }
        List<KeyEntry> current = live.current();
        KeyEntry replaced = current.stream().filter(k -> k.algorithm().family().equals(backup.algorithm().family()))
                .findFirst().orElse(current.size() == 1 ? current.get(0) : null);
        if (replaced == null) {
            throw new InventoryException("site " + site + " has no current " + backup.algorithm().family()
                    + " key for backup " + backup.id() + " to replace");
        }
        Schedule history = SitePaths.of(inventory, site).history().schedule();
        GateDecision decision = gate.checkEmergency(history, live.domains(), Chain.of(backup.pin()), at);
        if (!decision.safe()) {
            throw new RefusedStepException(decision.message(), decision.safeFrom());
        }
        return inventory.update(site, "emergency", change -> change.promoteBackup(backup.id(), replaced.id()))
                .byId(backup.id()).orElseThrow();
    }
}
