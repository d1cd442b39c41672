package dev.pinkeeper.keys;

import java.util.Locale;

/** What a key is for, today. A key's role changes only through a new inventory version. */
public enum KeyRole {
    /** Serves a certificate now. A site may have several (RSA + EC, or one per server). */
    CURRENT,
    /** Pre-generated successor of one current key; pinned in advance so the rollover is safe. */
    NEXT,
    /** Pinned spare for emergencies (lost or compromised current key, CA trouble); may be offline. */
    BACKUP,
    /** No longer pinned nor served; kept until {@code keys prune} removes it. */
    RETIRED;

    /** Lower-case name as written in JSON and shown to users. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a lower- or upper-case role name. */
    public static KeyRole parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
