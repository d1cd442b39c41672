package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.SiteSelection;

/** {@link SelectionSummary}: a filter that names nothing has no summary; a known site or any host with reports has. */
class SelectionSummaryTest {
    @Test
    void aNameWithoutSitePlanOrReportNamesNothing(@TempDir Path state) throws Exception {
        try (JdbcReportStore store = JdbcReportStore.open(Databases.embeddedUrl(state))) {
            SiteSelection stray = SiteSelection.of("stray.example", SitePlans.of(List.of()));
            assertThat(stray.known()).isFalse();
            assertThat(SelectionSummary.of(store, stray, null, 10)).isEmpty();
            assertThat(SelectionSummary.of(store, null, null, 10)).get().extracting(ReportSummary::total).isEqualTo(0L);
            assertThat(SelectionSummary.of(store, SiteSelection.unplanned("web", List.of("web.example")), null, 10))
                    .get().extracting(ReportSummary::total).isEqualTo(0L);

            store.insertIfAbsent(List.of(StoreContract.report("stray.example", ReportClass.NOISE, "CN=I", null,
                    Instant.now())));
            assertThat(SelectionSummary.of(store, stray, null, 10)).get().extracting(ReportSummary::total).isEqualTo(1L);
            assertThat(SelectionSummary.of(store, stray, Instant.now().plusSeconds(3600), 10)).as("none since then")
                    .get().extracting(ReportSummary::total).isEqualTo(0L);
        }
    }
}
