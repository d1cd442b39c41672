package dev.pinkeeper.report;

import java.util.Optional;
import java.util.function.Supplier;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.site.PlanException;

/**
 * Which reports a summary covers and the plans to show with them: every report, or what a site filter
 * stands for, decided as {@code pinkeeper reports --site} and the dashboard read it.
 *
 * @param selection what the filter stands for, or null for every report
 * @param plans     the plans to show: all of them, or the selected ones
 */
public record ReportScope(SiteSelection selection, SitePlans plans) {
    /** Every report, shown with {@code plans}. */
    public static ReportScope all(SitePlans plans) {
        return new ReportScope(null, plans);
    }

    /**
     * What {@code selector} stands for: a site of {@code state} (planned or not yet), else a site or host among
     * the plans {@code planned} gives (asked only then).
     *
     * @param state the state directory whose sites come first, or null when the plans come from elsewhere
     *              (a plan file): then only those plans are searched
     */
    public static ReportScope select(String selector, StateDirectory state, Supplier<SitePlans> planned)
            throws InventoryException, PlanException {
        Optional<SiteSelection> site = state == null ? Optional.empty() : StateSitePlans.select(state, selector);
        SiteSelection selection = site.isPresent() ? site.get() : SiteSelection.of(selector, planned.get());
        return new ReportScope(selection, selection.sitePlans());
    }
}
