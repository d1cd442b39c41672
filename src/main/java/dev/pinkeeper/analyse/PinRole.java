package dev.pinkeeper.analyse;

import java.util.List;

import dev.pinkeeper.catalogue.CaKey;
import dev.pinkeeper.pin.Pin;

/**
 * What one pin of the header stands for.
 *
 * @param pin          the pin
 * @param chainSubject the subject of the chain certificate with this key, or null
 * @param chainIndex   its position in the validated chain (0 = leaf) — in the served chain when no chain
 *                     validates — or -1
 * @param known        the well-known CA keys with this pin (empty when none)
 */
public record PinRole(Pin pin, String chainSubject, int chainIndex, List<CaKey> known) {
    public PinRole {
        known = List.copyOf(known);
    }

    /** A backup pin: it matches no certificate of the validated (or, failing that, served) chain. */
    public boolean backup() {
        return chainIndex < 0;
    }

    /** Whether it is the key of the leaf certificate (the site's own current key). */
    public boolean leaf() {
        return chainIndex == 0;
    }

    /** A pin that matches neither the chain nor a known CA: presumably a key the site holds. */
    public boolean unknown() {
        return backup() && known.isEmpty();
    }
}
