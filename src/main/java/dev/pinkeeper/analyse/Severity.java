package dev.pinkeeper.analyse;

import java.util.Locale;

/** How much a finding matters. ERROR and WARNING make the verdict "problems". */
public enum Severity {
    /** The header is invalid, would not be noted, or risks locking visitors out now. */
    ERROR,
    /** The header works today but is likely to break at a renewal or CA change, or hides failures. */
    WARNING,
    /** Worth knowing; nothing to fix. */
    NOTE;

    /** Lower-case name for reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
