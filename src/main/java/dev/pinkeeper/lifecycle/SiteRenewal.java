package dev.pinkeeper.lifecycle;

/**
 * What {@link Renewal} did for one site.
 *
 * @param site    the site
 * @param outcome how it ended
 * @param message one line: what was done, or why nothing was due, or what failed
 */
public record SiteRenewal(String site, Outcome outcome, String message) {
    /** How one site's renewal ended. */
    public enum Outcome {
        /** nothing was due: no certificate in its renewal window, no ramp step, no rollover */
        NOTHING_DUE,
        /** something was due and is done (renewed, ramp step, rollover) and deployed */
        DONE,
        /** something failed; the site serves what it served before */
        FAILED
    }
}
