package dev.pinkeeper.keys;

import java.time.Instant;
import java.util.Objects;

import dev.pinkeeper.pin.Pin;

/**
 * One key of a site as the live inventory version records it. Immutable: a change makes a new
 * entry in a new inventory version ({@link InventoryChange}).
 *
 * @param id             stable identifier, also the name of the key's folder
 *                       ({@code 20261122T192107Z-ec-p256-1a2b3c4d}: creation time, algorithm, pin prefix)
 * @param role           current, next, backup or retired
 * @param algorithm      the key type
 * @param pin            SHA-256 SPKI pin of the public key
 * @param created        when the key was generated
 * @param publishedSince since when every served header has carried this key's pin, or null while it
 *                       has not been published (set by the plan, {@link InventoryChange#markPublished})
 * @param safeFrom       when this key may safely become current (computed and set by the plan), or null
 * @param offline        true when the private half was exported and removed from this machine; the
 *                       pin stays in the inventory and is still pinned
 * @param privateKeyFile file name of the private key inside the key's folder, null when offline
 * @param nextFor        for a next key, the id of the current key it will replace; else null
 * @param retired        when the key was retired, or null
 * @param compromised    when the key was declared compromised ({@code pinkeeper revoke}), or null: a
 *                       compromised key is retired and never used again (no role but retired, no
 *                       certificate, no deployment, no restore)
 */
public record KeyEntry(String id, KeyRole role, KeyAlgorithm algorithm, Pin pin, Instant created,
        Instant publishedSince, Instant safeFrom, boolean offline, String privateKeyFile, String nextFor,
        Instant retired, Instant compromised) {

    public KeyEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(created, "created");
        if (offline != (privateKeyFile == null)) {
            throw new IllegalArgumentException(id + ": a key is offline exactly when it has no private key file");
        }
        if ((role == KeyRole.NEXT) != (nextFor != null)) {
            throw new IllegalArgumentException(id + ": a next key names the current key it follows, no other key does");
        }
        if (compromised != null && role != KeyRole.RETIRED) {
            throw new IllegalArgumentException(id + ": a compromised key is retired");
        }
    }

    /** A key as first recorded: neither retired nor compromised. */
    public KeyEntry(String id, KeyRole role, KeyAlgorithm algorithm, Pin pin, Instant created, Instant publishedSince,
            Instant safeFrom, boolean offline, String privateKeyFile, String nextFor, Instant retired) {
        this(id, role, algorithm, pin, created, publishedSince, safeFrom, offline, privateKeyFile, nextFor, retired, null);
    }

    /** Whether the key was declared compromised: it is never used again. */
    public boolean isCompromised() {
        return compromised != null;
    }

    /**
     * Refuses a compromised key: every use of a key (a role but retired, a certificate, a deployment, a
     * restore) asks this first.
     *
     * @throws InventoryException if the key was declared compromised
     */
    public void requireUsable() throws InventoryException {
        if (compromised != null) {
            throw new InventoryException("key " + id + " was declared compromised on " + compromised
                    + ": it is never used again");
        }
    }

    /**
     * This entry with another role (retiring sets {@link #retired} to {@code retiredAt} unless it is
     * retired already; leaving next drops {@link #nextFor}).
     */
    KeyEntry withRole(KeyRole newRole, String newNextFor, Instant retiredAt) {
        return new KeyEntry(id, newRole, algorithm, pin, created, publishedSince, safeFrom, offline,
                privateKeyFile, newRole == KeyRole.NEXT ? newNextFor : null,
                newRole == KeyRole.RETIRED ? (retired == null ? retiredAt : retired) : null, compromised);
    }

    KeyEntry withPublishedSince(Instant since) {
        return new KeyEntry(id, role, algorithm, pin, created, since, safeFrom, offline, privateKeyFile, nextFor,
                retired, compromised);
    }

    KeyEntry withSafeFrom(Instant from) {
        return new KeyEntry(id, role, algorithm, pin, created, publishedSince, from, offline, privateKeyFile, nextFor,
                retired, compromised);
    }

    KeyEntry withPrivateKeyFile(String file) {
        return new KeyEntry(id, role, algorithm, pin, created, publishedSince, safeFrom, file == null, file, nextFor,
                retired, compromised);
    }

    /** This entry retired (at {@code at} unless retired already) and declared compromised at {@code at}. */
    KeyEntry asCompromised(Instant at) {
        return new KeyEntry(id, KeyRole.RETIRED, algorithm, pin, created, publishedSince, safeFrom, offline,
                privateKeyFile, null, retired == null ? at : retired, compromised == null ? at : compromised);
    }
}
