package dev.pinkeeper.plan;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import dev.pinkeeper.pin.Pin;

/**
 * The SPKI pins of one validated certificate chain a host serves, leaf first (leaf, intermediates,
 * and the trust anchor when known). A host serving several certificates side by side (RSA and EC,
 * or one per server behind a load balancer) serves several chains, and a client may get any of them.
 *
 * @param label a short name for reports ("RSA", "new key"), or null
 * @param pins  the pins, leaf first, at least one
 */
public record Chain(String label, List<Pin> pins) {
    public Chain {
        pins = List.copyOf(pins);
        if (pins.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least one certificate");
        }
    }

    /** A chain without a label. */
    public static Chain of(Pin... pins) {
        return new Chain(null, List.of(pins));
    }

    /** The leaf certificate's pin: the key the server holds. */
    public Pin leaf() {
        return pins.get(0);
    }

    /** Whether any pin of this chain is in {@code pinSet} (RFC 7469 §2.6: the connection is accepted). */
    public boolean intersects(Collection<Pin> pinSet) {
        for (Pin pin : pins) {
            if (pinSet.contains(pin)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code pin} is one of this chain's pins. */
    public boolean contains(Pin pin) {
        return pins.contains(Objects.requireNonNull(pin));
    }

    /** The label when present, else the leaf pin. */
    public String describe() {
        return label != null ? label + " " + pins : pins.toString();
    }
}
