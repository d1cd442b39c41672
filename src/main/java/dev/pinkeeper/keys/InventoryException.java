package dev.pinkeeper.keys;

import java.util.List;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.error.Remedy;

/**
 * A key inventory operation could not be done: unknown site or key (usage), unreadable state or a lock
 * held by another process (environment). The message is one line naming the file or site concerned;
 * what fixes it travels as {@link #remedies()}.
 */
public class InventoryException extends PinkeeperException {
    public InventoryException(String message) {
        super(ErrorKind.USAGE, message);
    }

    public InventoryException(String message, Throwable cause) {
        super(ErrorKind.USAGE, message, cause);
    }

    /** A failure of {@code kind} that {@code remedy} fixes. */
    public InventoryException(ErrorKind kind, String message, Throwable cause, Remedy remedy) {
        super(kind, message, cause, remedy == null ? List.of() : List.of(remedy));
    }

    /** The private half of {@code key} of {@code site} is offline: restoring its backup helps. */
    static InventoryException offline(String site, KeyEntry key) {
        return new InventoryException(ErrorKind.USAGE, "key " + key.id() + " of site " + site + " is offline", null,
                Remedy.run(Remedy.Operation.KEYS_BACKUP_RESTORE, site));
    }
}
