package dev.pinkeeper.plan;

/** What a pinned key is for in a site's plan. */
public enum KeyRole {
    /** Served now (a site may serve several current keys side by side, e.g. RSA and EC). */
    CURRENT,
    /** Pre-published: becomes current at the next planned rollover. */
    NEXT,
    /** Kept offline for emergencies: becomes current if a current key is lost or compromised. */
    BACKUP
}
