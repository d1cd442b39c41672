package dev.pinkeeper.catalogue;

import dev.pinkeeper.pin.Pin;

/**
 * One well-known CA key.
 *
 * @param name     the CA's name, e.g. "Let's Encrypt R11"
 * @param role     root or intermediate
 * @param operator who runs it, e.g. "Let's Encrypt"; pins of one operator fail together
 * @param pin      the SPKI pin of the key
 * @param note     a short note: key type, issuer, validity, source
 */
public record CaKey(String name, CaRole role, String operator, Pin pin, String note) {
    /** "Let's Encrypt R11 (intermediate)". */
    public String describe() {
        return name + " (" + role.label() + ")";
    }
}
