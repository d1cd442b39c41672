package dev.pinkeeper.ops;

import java.time.Instant;
import java.util.Locale;

/**
 * Something about one site that a person should look at, raised by a renewal ({@link RenewAlerts}).
 *
 * @param site    the site
 * @param kind    what is wrong
 * @param message one line: what failed, or which rollover waits since when and until when
 * @param since   for an overdue rollover, since when it has been due; else null
 */
public record Alert(String site, Kind kind, String message, Instant since) {
    /** What an alert is about. */
    public enum Kind {
        /** the site's renewal failed: it serves what it served before */
        FAILED,
        /** a key rollover has been due and held back by the rollover gate for longer than the threshold */
        ROLLOVER_OVERDUE;

        /** The kind in lower case with hyphens, as in the JSON summary. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
