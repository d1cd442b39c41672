package dev.pinkeeper.keys.backup;

import dev.pinkeeper.keys.InventoryException;

/** An encrypted backup that this passphrase does not decrypt. */
public final class WrongPassphraseException extends InventoryException {
    public WrongPassphraseException(String message, Throwable cause) {
        super(message, cause);
    }
}
