package dev.pinkeeper.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.store.ReportSummary;

class DashboardPageTest {
    static ReportSummary empty() {
        Map<String, Long> byClass = new LinkedHashMap<>();
        for (ReportClass rc : ReportClass.values()) {
            byClass.put(rc.label(), 0L);
        }
        return new ReportSummary(0, byClass, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void reportsAcknowledgedButNotYetStoredAreShownAsPending() {
        String page = DashboardPage.render(empty(), SitePlans.none(), null, null, Instant.now(), 37);
        assertThat(page).contains("<p id=\"pending\">37 more acknowledged reports are pending");
    }

    @Test
    void nothingPendingShowsNoPendingLine() {
        assertThat(DashboardPage.render(empty(), SitePlans.none(), null, null, Instant.now(), 0)).doesNotContain("id=\"pending\"");
    }
}
