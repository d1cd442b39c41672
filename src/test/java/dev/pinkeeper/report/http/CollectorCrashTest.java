package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.ReportFlood;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.LocalPostgres;
import dev.pinkeeper.report.store.StoredHosts;

/**
 * kill -9 of the collector process (and a crash of its database) while reports flow: after
 * restarting both, every report acknowledged with 204 is stored exactly once.
 */
class CollectorCrashTest {
    @TempDir
    Path state;

    @Test
    void killedEmbeddedCollectorLosesNoAcknowledgedReport() throws Exception {
        int port = LocalPostgres.freePort();
        Set<String> acknowledged;
        try (ReportFlood flood = new ReportFlood(URI.create("http://127.0.0.1:" + port + "/report"), "kill-h2.test", 4,
                Duration.ofSeconds(60))) {
            CollectorProcess first = CollectorProcess.start(port, state, null);
            flood.start();
            awaitAcknowledged(flood, 30);
            first.kill();
            int atKill = flood.acknowledgedCount();
            try (CollectorProcess second = CollectorProcess.start(port, state, null)) {
                awaitAcknowledged(flood, atKill + 30);
                flood.close();
                acknowledged = flood.acknowledged();
            }
        }
        Map<String, Integer> stored = StoredHosts.count(Databases.embeddedUrl(state), "kill-h2.test");
        assertThat(stored.keySet()).containsAll(acknowledged);
        assertThat(stored.values()).allMatch(n -> n == 1);
    }

    @Test
    void killedCollectorAndCrashedPostgresLoseNoAcknowledgedReport() throws Exception {
        int port = LocalPostgres.freePort();
        Path spool = state.resolve("spool").resolve("reports.spool");
        try (LocalPostgres postgres = LocalPostgres.start()) {
            Set<String> acknowledged;
            try (ReportFlood flood = new ReportFlood(URI.create("http://127.0.0.1:" + port + "/report"), "kill-pg.test", 4,
                    Duration.ofSeconds(90))) {
                CollectorProcess first = CollectorProcess.start(port, state, postgres.jdbcUrl());
                flood.start();
                awaitAcknowledged(flood, 30);
                postgres.crash(); // the database dies: the collector spools
                long deadline = System.nanoTime() + 15_000_000_000L;
                while ((!Files.exists(spool) || Files.size(spool) == 0) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(Files.size(spool)).as("reports spooled while the database is down").isPositive();
                awaitAcknowledged(flood, flood.acknowledgedCount() + 20);
                first.kill(); // and the collector dies with a spool not yet replayed
                try (CollectorProcess second = CollectorProcess.start(port, state, postgres.jdbcUrl())) {
                    awaitAcknowledged(flood, flood.acknowledgedCount() + 20); // still spooling
                    postgres.startServer();
                    deadline = System.nanoTime() + 30_000_000_000L;
                    while (Files.size(spool) > 0 && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertThat(Files.size(spool)).as("spool replayed").isZero();
                    awaitAcknowledged(flood, flood.acknowledgedCount() + 20);
                    flood.close();
                    acknowledged = flood.acknowledged();
                }
            }
            Map<String, Integer> stored = StoredHosts.count(postgres.jdbcUrl(), "kill-pg.test");
            assertThat(stored.keySet()).containsAll(acknowledged);
            assertThat(stored.values()).allMatch(n -> n == 1);
        }
    }

    private static void awaitAcknowledged(ReportFlood flood, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (flood.acknowledgedCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(flood.acknowledgedCount()).as("reports acknowledged").isGreaterThanOrEqualTo(count);
    }
}
