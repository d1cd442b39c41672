package dev.pinkeeper.status;

import java.time.Instant;

import dev.pinkeeper.keys.KeyEntry;

/**
 * One key of a site.
 *
 * @param key            the inventory entry (id, role, algorithm, pin, created, retired)
 * @param privateHalf    where its private half is
 * @param publishedSince since when every served header pins it, or null
 * @param safeFrom       when it may safely become current (a next or backup key), or null
 */
public record KeyStatus(KeyEntry key, PrivateHalf privateHalf, Instant publishedSince, Instant safeFrom) {
    /** Where a key's private half is. */
    public enum PrivateHalf {
        /** on this server, in the state directory */
        THIS_SERVER,
        /** exported and removed from this server: only the offline backup holds it */
        OFFLINE_ONLY
    }

    /** The status of {@code key} as the inventory records it. */
    static KeyStatus of(KeyEntry key) {
        return new KeyStatus(key, key.offline() ? PrivateHalf.OFFLINE_ONLY : PrivateHalf.THIS_SERVER,
                key.publishedSince(), key.safeFrom());
    }
}
