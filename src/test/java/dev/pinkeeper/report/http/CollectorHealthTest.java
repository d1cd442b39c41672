package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.PublicRoots;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.JdbcReportStore;
import dev.pinkeeper.report.store.SwitchableStore;
import dev.pinkeeper.testing.Await;

/** {@code /health} and the store's metrics while the store is down or stalled, and its recovery. */
class CollectorHealthTest {
    @TempDir
    Path state;

    private static double metric(CollectorServer server, String name) {
        return CollectorHttpTest.metric(server.metrics().scrape(), name);
    }

    /**
     * A call into the store that never returns (H2 once spun inside one) leaves the database "up" by
     * every other measure: after the stall limit {@code /health} says 503 and why, the metrics say 0
     * and how long; the feeder reopens the store, the hung call fails, the reports are stored.
     */
    @Test
    void aStoreThatStopsMakingProgressIsAnOutageThatEndsByItself() throws Exception {
        try (SwitchableStore store = new SwitchableStore(JdbcReportStore.open(Databases.embeddedUrl(state)));
                CollectorServer server = CollectorServer.start(CollectorConfig.defaults("127.0.0.1", 0),
                        () -> store, false, SitePlans.none(), PublicRoots.jdk(), state, Duration.ofSeconds(2))) {
            assertThat(CollectorDamagedStoreTest.health(server.operatorPort()).statusCode()).isEqualTo(200);
            assertThat(store.count()).isZero(); // the schema is there: only the calls hang
            store.hang = true;
            for (int i = 0; i < 5; i++) {
                CollectorStartupTest.postReport(server.port(), "h" + i + ".stall.test"); // still acknowledged: 204
            }
            HttpResponse<String> stalled = Await.until(() -> CollectorDamagedStoreTest.health(server.operatorPort()),
                    r -> r.statusCode() == 503, Duration.ofSeconds(10));
            assertThat(stalled.statusCode()).isEqualTo(503);
            assertThat(stalled.body().strip().lines()).hasSize(1);
            assertThat(stalled.body()).startsWith("report store stalled: 5 reports wait in the journal, none stored for")
                    .contains("has not returned");
            assertThat(metric(server, "pinkeeper_database_up")).isZero();
            assertThat(metric(server, "pinkeeper_store_stalled_seconds")).isGreaterThanOrEqualTo(2);
            assertThat(metric(server, "pinkeeper_reports_pending")).isEqualTo(5);

            // the watchdog reopens the store once the call has hung past the stall limit; the retry stores them
            assertThat(Await.until(() -> metric(server, "pinkeeper_reports_pending"), n -> n == 0, Duration.ofSeconds(20)))
                    .isZero();
            assertThat(store.reopened()).isGreaterThanOrEqualTo(1);
            assertThat(store.count()).isEqualTo(5);
            HttpResponse<String> healthy = CollectorDamagedStoreTest.health(server.operatorPort());
            assertThat(healthy.statusCode()).isEqualTo(200);
            assertThat(healthy.body()).isEqualTo("ok, 0 reports pending\n");
            assertThat(metric(server, "pinkeeper_database_up")).isEqualTo(1);
            assertThat(metric(server, "pinkeeper_store_stalled_seconds")).isZero();
        }
    }

    @Test
    void aStoreThatIsDownAnswers503AtOnceAndRecovers() throws Exception {
        try (SwitchableStore store = new SwitchableStore(JdbcReportStore.open(Databases.embeddedUrl(state)));
                CollectorServer server = CollectorServer.start(CollectorConfig.defaults("127.0.0.1", 0), store,
                        SitePlans.none(), state)) {
            store.down = true;
            CollectorStartupTest.postReport(server.port(), "d.down.test");
            HttpResponse<String> down = Await.until(() -> CollectorDamagedStoreTest.health(server.operatorPort()),
                    r -> r.statusCode() == 503, Duration.ofSeconds(10));
            assertThat(down.body()).startsWith("report store down: 1 reports wait in the journal")
                    .contains("switched off by the test");
            assertThat(metric(server, "pinkeeper_database_up")).isZero();
            store.down = false;
            assertThat(Await.until(() -> metric(server, "pinkeeper_reports_pending"), n -> n == 0, Duration.ofSeconds(20)))
                    .isZero();
            assertThat(CollectorDamagedStoreTest.health(server.operatorPort()).statusCode()).isEqualTo(200);
        }
    }
}
