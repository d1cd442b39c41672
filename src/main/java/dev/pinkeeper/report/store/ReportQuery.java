package dev.pinkeeper.report.store;

import java.time.Instant;

/**
 * Which reports a summary covers.
 *
 * @param site  only reports for this plan site or host name, or null for all
 * @param since only reports received at or after this instant, or null for all
 * @param limit how many entries the top-N lists and the recent-report list hold
 */
public record ReportQuery(String site, Instant since, int limit) {
    /** Every report, top-10 lists. */
    public static ReportQuery all() {
        return new ReportQuery(null, null, 10);
    }
}
