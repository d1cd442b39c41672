package dev.pinkeeper.report.store;

import java.time.Instant;
import java.util.List;

/**
 * Which reports a summary covers.
 *
 * @param sites only reports for these plan sites or host names (a site of the state directory files its
 *              reports under each of its domains), or empty for all
 * @param since only reports received at or after this instant, or null for all
 * @param limit how many entries the top-N lists and the recent-report list hold
 */
public record ReportQuery(List<String> sites, Instant since, int limit) {
    public ReportQuery {
        sites = List.copyOf(sites);
    }

    /** Reports for one plan site or host name ({@code site} null: all). */
    public ReportQuery(String site, Instant since, int limit) {
        this(site == null ? List.of() : List.of(site), since, limit);
    }

    /** Every report, top-10 lists. */
    public static ReportQuery all() {
        return new ReportQuery(List.of(), null, 10);
    }
}
