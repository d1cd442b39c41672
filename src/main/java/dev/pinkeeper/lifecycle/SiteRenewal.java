package dev.pinkeeper.lifecycle;

import java.time.Instant;

import dev.pinkeeper.error.Remedy;

/**
 * What {@link Renewal} did for one site.
 *
 * @param site        the site
 * @param outcome     how it ended
 * @param message     one line: what was done, or why nothing was due, or what it waits for, or what failed
 * @param waitUntil   the earliest instant a due rollover or a held-back current key the gate holds back
 *                    becomes safe, or the CA's rate limit ends, or null
 * @param remedy      what the operator can do about a failure, or null
 */
public record SiteRenewal(String site, Outcome outcome, String message, Instant waitUntil, Remedy remedy) {
    /** A renewal without a remedy. */
    public SiteRenewal(String site, Outcome outcome, String message, Instant waitUntil) {
        this(site, outcome, message, waitUntil, null);
    }

    /** How one site's renewal ended. */
    public enum Outcome {
        /** nothing was due: no certificate in its renewal window, no ramp step, no rollover */
        NOTHING_DUE,
        /**
         * a key rollover is due, or a current key added later is held back, but the rollover gate says a
         * header still cached lacks its pin; or a renewal is due but the CA rate-limited the site: nothing was
         * changed, the site waits safely until {@link SiteRenewal#waitUntil}
         */
        WAITING,
        /** something was due and is done (renewed, ramp step, rollover) and deployed */
        DONE,
        /** something failed; the site serves what it served before */
        FAILED
    }
}
