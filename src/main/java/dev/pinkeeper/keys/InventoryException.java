package dev.pinkeeper.keys;

/**
 * A key inventory operation could not be done: unknown site or key, unreadable state, a lock held
 * by another process. The message is one line naming the file or site concerned and, where there
 * is one, the way to fix it.
 */
public class InventoryException extends Exception {
    public InventoryException(String message) {
        super(message);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
