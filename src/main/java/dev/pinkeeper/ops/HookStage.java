package dev.pinkeeper.ops;

import java.util.Locale;

/** When a hook runs, as certbot's renewal hooks do. */
public enum HookStage {
    /** once per run, before the first change, and only when something is due; a failure stops the run */
    PRE,
    /** once per site whose new release went live */
    DEPLOY,
    /** once per run, at its end, whenever the pre-hooks ran (whatever happened since) */
    POST;

    /** The stage's name as in the hook folders ({@code pre}, {@code deploy}, {@code post}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
