package dev.pinkeeper.keys.backup;

import dev.pinkeeper.keys.InventoryException;

/** A restored key whose pin is not one the site's inventory pins: it is refused, nothing is stored. */
public final class PinMismatchException extends InventoryException {
    public PinMismatchException(String message) {
        super(dev.pinkeeper.error.ErrorKind.REFUSED, message, null, null);
    }
}
