package dev.pinkeeper.plan;

import java.util.Objects;

import dev.pinkeeper.pin.Pin;

/**
 * The pin of a CA's intermediate or root key. Every customer of that CA shares it, and the CA may
 * issue from another intermediate at any time.
 *
 * @param pin the CA key's SPKI pin
 * @param ca  the CA's name ("Let's Encrypt"), used to require pins of at least two CAs
 */
public record CaPin(Pin pin, String ca) {
    public CaPin {
        Objects.requireNonNull(pin, "pin");
        if (ca == null || ca.isBlank()) {
            throw new IllegalArgumentException("a CA pin names its CA");
        }
    }
}
