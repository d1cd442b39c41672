package dev.pinkeeper.plan;

import java.util.Objects;

import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.pin.Pin;

/**
 * A site's own key as the plan sees it: its pin and role.
 *
 * @param pin       the key's SPKI pin
 * @param role      current, next or backup (the key inventory's role; retired keys are not pinned)
 * @param algorithm the key algorithm ("RSA", "EC"), or null when unknown
 */
public record PinnedKey(Pin pin, KeyRole role, String algorithm) {
    public PinnedKey {
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(role, "role");
    }

    /** The same key in another role. */
    public PinnedKey as(KeyRole newRole) {
        return new PinnedKey(pin, newRole, algorithm);
    }
}
