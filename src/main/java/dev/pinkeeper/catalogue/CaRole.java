package dev.pinkeeper.catalogue;

import java.util.Locale;

/** Where a CA key sits in the hierarchy. */
public enum CaRole {
    /** A trust anchor: long-lived, shipped in trust stores. */
    ROOT,
    /** An issuing CA under a root: rotated by the CA, sometimes without notice. */
    INTERMEDIATE;

    /** The lower-case name used in the catalogue file and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #label()}. */
    public static CaRole of(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
