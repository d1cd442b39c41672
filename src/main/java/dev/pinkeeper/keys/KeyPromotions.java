package dev.pinkeeper.keys;

import java.time.Instant;
import java.util.List;

/**
 * The mechanics of the two promotions of a change ({@link InventoryChange#promoteNext},
 * {@link InventoryChange#promoteBackup}): which keys change role and which key is generated in their place.
 * Whether a promotion is safe is the plan's decision, not checked here.
 */
final class KeyPromotions {
    private KeyPromotions() {
    }

    /** Rollover: the next key of {@code currentId} becomes current, the old current key retired at {@code at}, a new next key generated. */
    static KeyEntry promoteNext(InventoryChange change, String currentId, Instant at) throws InventoryException {
        requireRole(change.key(currentId), KeyRole.CURRENT);
        KeyEntry next = change.keys().stream().filter(k -> k.role() == KeyRole.NEXT && currentId.equals(k.nextFor()))
                .findFirst().orElseThrow(() -> new InventoryException("current key " + currentId + " has no next key"));
        requireOnline(change, next);
        change.retire(currentId, at);
        KeyEntry promoted = change.setRole(next.id(), KeyRole.CURRENT, null);
        change.generate(KeyRole.NEXT, next.algorithm(), promoted.id());
        return promoted;
    }

    /**
     * Emergency: backup {@code backupId} replaces current key {@code currentId} (retired at {@code at}), the
     * replaced key's next key follows the backup, and a new backup of the same algorithm is generated.
     */
    static KeyEntry promoteBackup(InventoryChange change, String backupId, String currentId, Instant at)
            throws InventoryException {
        KeyEntry backup = change.key(backupId);
        requireRole(backup, KeyRole.BACKUP);
        requireOnline(change, backup);
        requireRole(change.key(currentId), KeyRole.CURRENT);
        change.retire(currentId, at);
        KeyEntry promoted = change.setRole(backupId, KeyRole.CURRENT, null);
        for (KeyEntry key : List.copyOf(change.keys())) {
            if (key.role() == KeyRole.NEXT && currentId.equals(key.nextFor())) {
                change.setRole(key.id(), KeyRole.NEXT, backupId);
            }
        }
        change.generate(KeyRole.BACKUP, backup.algorithm(), null);
        return promoted;
    }

    private static void requireRole(KeyEntry key, KeyRole role) throws InventoryException {
        if (key.role() != role) {
            throw new InventoryException("key " + key.id() + " is " + key.role().label() + ", not " + role.label());
        }
    }

    private static void requireOnline(InventoryChange change, KeyEntry key) throws InventoryException {
        if (key.offline()) {
            throw InventoryException.offline(change.before().site(), key);
        }
    }
}
