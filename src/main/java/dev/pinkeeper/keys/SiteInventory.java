package dev.pinkeeper.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.pin.Pin;

/**
 * One immutable version of a site's inventory: its domains and every key it keeps.
 *
 * @param site     the site's name
 * @param domains  the DNS names its certificates cover (the first is the CSR's common name)
 * @param version  1 for the first version, then +1 per change
 * @param written  when this version was written
 * @param change   what the change that wrote it did, in a few words
 * @param keys     every key, in creation order
 */
public record SiteInventory(String site, List<String> domains, int version, Instant written, String change,
        List<KeyEntry> keys) {

    public SiteInventory {
        domains = List.copyOf(domains);
        keys = List.copyOf(keys);
    }

    /** The keys of one role, in creation order. */
    public List<KeyEntry> withRole(KeyRole role) {
        return keys.stream().filter(k -> k.role() == role).toList();
    }

    /** The current keys. */
    public List<KeyEntry> current() {
        return withRole(KeyRole.CURRENT);
    }

    /** The backup keys. */
    public List<KeyEntry> backups() {
        return withRole(KeyRole.BACKUP);
    }

    /**
     * The backup keys whose private key is still on this machine: a backup is meant to survive what the
     * current key does not (a compromised or lost server), so each should be exported and taken offline.
     */
    public List<KeyEntry> onlineBackups() {
        return backups().stream().filter(k -> !k.offline()).toList();
    }

    /** The next key pre-generated for a current key, if any. */
    public Optional<KeyEntry> nextFor(String currentId) {
        return keys.stream().filter(k -> k.role() == KeyRole.NEXT && currentId.equals(k.nextFor())).findFirst();
    }

    /** The keys whose pins the site pins: every current, next and backup key (offline ones too). */
    public List<KeyEntry> pinned() {
        return keys.stream().filter(k -> k.role() != KeyRole.RETIRED).toList();
    }

    /** The pins of {@link #pinned()}, in order. */
    public List<Pin> pins() {
        return pinned().stream().map(KeyEntry::pin).toList();
    }

    /** The key with this id. */
    public Optional<KeyEntry> byId(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** The key with this pin. */
    public Optional<KeyEntry> byPin(Pin pin) {
        return keys.stream().filter(k -> k.pin().equals(pin)).findFirst();
    }

    /**
     * Finds a key by reference: its id, its pin (base64), {@code current} / {@code next} (when the site
     * has exactly one), or {@code current-N}, {@code next-N}, {@code backup-N}, {@code retired-N}
     * (N from 1, in creation order).
     *
     * @throws InventoryException naming the site and the reference when none or several match
     */
    public KeyEntry find(String reference) throws InventoryException {
        Optional<KeyEntry> exact = byId(reference);
        if (exact.isPresent()) {
            return exact.get();
        }
        for (KeyRole role : KeyRole.values()) {
            String label = role.label();
            if (reference.equals(label)) {
                List<KeyEntry> matching = withRole(role);
                if (matching.size() == 1) {
                    return matching.get(0);
                }
                throw new InventoryException("site " + site + " has " + matching.size() + " " + label
                        + " keys: name one as " + label + "-N (N from 1) or by id");
            }
            if (reference.startsWith(label + "-")) {
                try {
                    int n = Integer.parseInt(reference.substring(label.length() + 1));
                    List<KeyEntry> matching = withRole(role);
                    if (n >= 1 && n <= matching.size()) {
                        return matching.get(n - 1);
                    }
                    throw new InventoryException("site " + site + " has no key " + reference + " (it has "
                            + matching.size() + " " + label + " keys)");
                } catch (NumberFormatException notAnIndex) {
                    // fall through
                }
            }
        }
        try {
            Optional<KeyEntry> byPin = byPin(Pin.parse(reference));
            if (byPin.isPresent()) {
                return byPin.get();
            }
        } catch (IllegalArgumentException notAPin) {
            // fall through
        }
        throw new InventoryException(ErrorKind.USAGE, "site " + site + " has no key '" + reference
                + "' (name one by its id, its pin, current, next or backup-N)", null,
                Remedy.run(Remedy.Operation.KEYS_LIST, site));
    }
}
