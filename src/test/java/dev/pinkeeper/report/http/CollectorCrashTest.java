package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import dev.pinkeeper.testing.Await;

/**
 * kill -9 of the collector process (and a crash of its database) while reports flow: after
 * restarting both, every report acknowledged with 204 is stored exactly once.
 *
 * <p>The kill loops run {@code -Dpinkeeper.kills=N} kills each (3 by default, to keep the suite short;
 * {@code scripts/kill-collector.sh 500} runs 500).
 */
class CollectorCrashTest {
    /** Kills per loop. */
    private static final int KILLS = Integer.getInteger("pinkeeper.kills", 3);

    @TempDir
    Path state;

    @Test
    void embeddedCollectorKilledAtRandomMomentsUnderLoadLosesNoAcknowledgedReport() throws Exception {
        killLoop(null, Databases.embeddedUrl(state), "loop-embedded.test");
    }

    @Test
    void postgresCollectorKilledAtRandomMomentsUnderLoadLosesNoAcknowledgedReport() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            killLoop(postgres.jdbcUrl(), postgres.jdbcUrl(), "loop-pg.test");
        }
    }

    /**
     * Starts the collector, lets it take reports for a random time (from nothing to 1.5 s after it
     * listens: during the replay of the journal, between batches, in a commit), kills it with -9, again
     * and again; then a last run stores what the journal holds. Every 204 must then be one row.
     */
    private void killLoop(String db, String readUrl, String suffix) throws Exception {
        int port = LocalPostgres.freePort();
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        Set<String> acknowledged;
        long started = System.nanoTime();
        try (ReportFlood flood = new ReportFlood(URI.create("http://127.0.0.1:" + port + "/report"), suffix, 4,
                Duration.ofDays(1))) {
            flood.start();
            for (int kill = 0; kill < KILLS; kill++) {
                CollectorProcess collector = CollectorProcess.start(port, state, db);
                Thread.sleep(random.nextInt(1500));
                collector.kill();
            }
            try (CollectorProcess last = CollectorProcess.start(port, state, db)) {
                int before = flood.acknowledgedCount();
                awaitAcknowledged(flood, before + 30);
                flood.close();
                acknowledged = flood.acknowledged();
                assertThat(Await.until(() -> metric(last.operatorPort(), "pinkeeper_reports_pending"), n -> n == 0, Duration.ofSeconds(60)))
                        .as("every journaled report stored").isZero();
            }
        }
        Map<String, Integer> stored = StoredHosts.count(readUrl, suffix);
        long duplicated = stored.values().stream().filter(n -> n > 1).count();
        System.out.printf("kill loop (%s): %d kills in %d s (seed %d), %d reports answered 204, %d stored, "
                + "%d missing, %d stored twice or more%n", db == null ? "embedded" : "postgresql", KILLS,
                (System.nanoTime() - started) / 1_000_000_000L, seed, acknowledged.size(), stored.size(),
                acknowledged.stream().filter(h -> !stored.containsKey(h)).count(), duplicated);
        assertThat(stored.keySet()).containsAll(acknowledged);
        assertThat(stored.values()).allMatch(n -> n == 1);
    }

    @Test
    void killedCollectorAndCrashedPostgresLoseNoAcknowledgedReport() throws Exception {
        int port = LocalPostgres.freePort();
        int operator = LocalPostgres.freePort();
        try (LocalPostgres postgres = LocalPostgres.start()) {
            Set<String> acknowledged;
            try (ReportFlood flood = new ReportFlood(URI.create("http://127.0.0.1:" + port + "/report"), "kill-pg.test", 4,
                    Duration.ofSeconds(90))) {
                CollectorProcess first = CollectorProcess.start(port, operator, state, postgres.jdbcUrl());
                flood.start();
                awaitAcknowledged(flood, 30);
                postgres.crash(); // the database dies: reports are still acknowledged, and wait in the journal
                assertThat(Await.until(() -> metric(operator, "pinkeeper_reports_pending"), n -> n >= 20, Duration.ofSeconds(20)))
                        .as("reports waiting in the journal while the database is down").isGreaterThanOrEqualTo(20);
                assertThat(Await.until(() -> metric(operator, "pinkeeper_database_up"), up -> up == 0, Duration.ofSeconds(20)))
                        .as("the collector noticed the database is down").isZero();
                first.kill(); // and the collector dies with reports not yet stored
                try (CollectorProcess second = CollectorProcess.start(port, operator, state, postgres.jdbcUrl())) {
                    awaitAcknowledged(flood, flood.acknowledgedCount() + 20); // still journaling
                    assertThat(metric(operator, "pinkeeper_reports_pending")).as("the first run's reports wait too").isGreaterThan(20);
                    postgres.startServer();
                    awaitAcknowledged(flood, flood.acknowledgedCount() + 20);
                    flood.close();
                    acknowledged = flood.acknowledged();
                    assertThat(Await.until(() -> metric(operator, "pinkeeper_reports_pending"), n -> n == 0, Duration.ofSeconds(30)))
                            .as("journal stored once the database is back").isZero();
                }
            }
            Map<String, Integer> stored = StoredHosts.count(postgres.jdbcUrl(), "kill-pg.test");
            assertThat(stored.keySet()).containsAll(acknowledged);
            assertThat(stored.values()).allMatch(n -> n == 1);
        }
    }

    /** A metric of the collector whose operator address is on {@code port}; NaN if it does not answer. */
    static double metric(int port, String name) {
        try {
            String exposition = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return CollectorHttpTest.metric(exposition, name);
        } catch (IOException | AssertionError e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private static void awaitAcknowledged(ReportFlood flood, int count) throws InterruptedException {
        Await.until(flood::acknowledgedCount, n -> n >= count, Duration.ofSeconds(30));
        assertThat(flood.acknowledgedCount()).as("reports acknowledged").isGreaterThanOrEqualTo(count);
    }
}
