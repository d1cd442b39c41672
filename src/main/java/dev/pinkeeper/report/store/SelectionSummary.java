package dev.pinkeeper.report.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.pinkeeper.report.SiteSelection;

/**
 * The summary of the reports a site filter selects ({@link SiteSelection}), or of every report without one. A
 * filter that names no site, no host a plan covers and no host any report was filed under names nothing: no
 * summary (an empty one would hide a mistyped name).
 */
public final class SelectionSummary {
    private SelectionSummary() {
    }

    /**
     * The summary of {@code selection} (null: every report) in {@code store}: reports received since {@code since}
     * (null: all), top lists of {@code limit} entries; empty when the selection names nothing.
     */
    public static Optional<ReportSummary> of(ReportStore store, SiteSelection selection, Instant since, int limit)
            throws SQLException {
        if (selection != null && !selection.known()
                && store.summarize(new ReportQuery(selection.hosts(), null, 1)).total() == 0) {
            return Optional.empty();
        }
        return Optional.of(store.summarize(new ReportQuery(selection == null ? List.of() : selection.hosts(), since, limit)));
    }
}
