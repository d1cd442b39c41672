package dev.pinkeeper.lifecycle;

import java.time.Instant;

import dev.pinkeeper.keys.InventoryException;

/**
 * Nothing of a site may be pruned yet: its plan is retired, but a client may still cache one of its pin
 * headers, and every key such a header pins is kept until {@link #allowedFrom()}. Nothing was removed.
 */
public final class PinsCachedException extends InventoryException {
    private final transient Instant allowedFrom;

    public PinsCachedException(String message, Instant allowedFrom) {
        super(message);
        this.allowedFrom = allowedFrom;
    }

    /** From when the prune is allowed, or null while it is not known yet (the max-age=0 header is not served). */
    public Instant allowedFrom() {
        return allowedFrom;
    }
}
