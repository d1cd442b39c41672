package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.ReportFlood;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.http.CollectorConfig;
import dev.pinkeeper.report.http.CollectorServer;
import dev.pinkeeper.testing.Await;

/**
 * PostgreSQL crashes while reports flow, then returns: reports are still acknowledged meanwhile (they
 * wait in the journal), and every 204-acknowledged report is stored exactly once.
 */
class PostgresOutageTest {
    static LocalPostgres postgres;

    @TempDir
    Path state;

    @BeforeAll
    static void start() throws Exception {
        postgres = LocalPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyAcknowledgedReportIsStoredExactlyOnceAcrossADatabaseOutage() throws Exception {
        try (JdbcReportStore store = JdbcReportStore.open(postgres.jdbcUrl());
                CollectorServer server = CollectorServer.start(CollectorConfig.defaults("127.0.0.1", 0).withRate(1e6, 1_000_000),
                        store, SitePlans.none(), state)) {
            assertThat(store.isReachable()).isTrue();
            ReportFlood flood = new ReportFlood(URI.create("http://127.0.0.1:" + server.port() + "/report"), "spool.test", 4,
                    Duration.ofSeconds(60)).start();
            Await.until(flood::acknowledgedCount, n -> n >= 30, Duration.ofSeconds(10));
            int beforeOutage = flood.acknowledgedCount();
            postgres.crash();
            Await.until(server::isDatabaseDown, down -> down, Duration.ofSeconds(10));
            assertThat(server.isDatabaseDown()).as("spooling while the database is down").isTrue();
            int spoolingFrom = flood.acknowledgedCount();
            Thread.sleep(1000);
            int duringOutage = flood.acknowledgedCount() - spoolingFrom;
            postgres.startServer();
            Thread.sleep(1500);
            flood.close();
            Await.until(() -> !server.isDatabaseDown() && server.pending() == 0, caughtUp -> caughtUp,
                    Duration.ofSeconds(20));
            assertThat(server.isDatabaseDown()).as("database back").isFalse();
            assertThat(server.pending()).as("journaled reports stored").isZero();
            Set<String> acknowledged = flood.acknowledged();
            Map<String, Integer> stored = StoredHosts.count(postgres.jdbcUrl(), "spool.test");
            assertThat(beforeOutage).isPositive();
            assertThat(duringOutage).as("reports acknowledged while the database was down").isPositive();
            assertThat(stored.keySet()).containsAll(acknowledged);
            assertThat(stored.values()).allMatch(n -> n == 1);
            assertThat(server.metrics().scrape()).contains("pinkeeper_reports_pending 0.0", "pinkeeper_database_up 1.0");
        }
    }
}
