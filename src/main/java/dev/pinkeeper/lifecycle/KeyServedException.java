package dev.pinkeeper.lifecycle;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.keys.InventoryException;

/**
 * A retired key cannot be pruned: the live release serves it (the release a rollback would return
 * to is the live one too). Deploy a release without it first. Nothing was removed.
 */
public final class KeyServedException extends InventoryException {
    public KeyServedException(String message) {
        super(ErrorKind.REFUSED, message, null, null);
    }
}
