package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.ReportFlood;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.LocalPostgres;
import dev.pinkeeper.report.store.StoreDamage;
import dev.pinkeeper.report.store.StoredHosts;
import dev.pinkeeper.testing.Await;
import dev.pinkeeper.testing.KilledRuns;
import dev.pinkeeper.testing.Processes;

/**
 * The embedded store damaged on purpose (its index pages overwritten) under a collector that keeps
 * taking reports: an outage the operator sees, that does not spin, and that one command repairs, after
 * which every report answered 204 is stored exactly once.
 */
class CollectorDamagedStoreTest {
    @TempDir
    Path temp;

    @Test
    void aDamagedStoreIsAVisibleOutageAndRepairLosesNoAcknowledgedReport() throws Exception {
        Path state = temp.resolve("state");
        int port = LocalPostgres.freePort();
        URI target = URI.create("http://127.0.0.1:" + port + "/report");
        try (ReportFlood flood = new ReportFlood(target, "damaged.test", 2, Duration.ofSeconds(120))) {
            try (CollectorProcess healthy = CollectorProcess.start(port, state, null)) {
                flood.start();
                Await.until(flood::acknowledgedCount, n -> n >= 200, Duration.ofSeconds(30));
            } // stopped: what it took is stored
            StoreDamage.overwriteIndexPages(Databases.embeddedFile(state));

            try (CollectorProcess damaged = CollectorProcess.start(port, state, null)) {
                int before = flood.acknowledgedCount();
                Await.until(flood::acknowledgedCount, n -> n >= before + 200, Duration.ofSeconds(30));
                assertThat(flood.acknowledgedCount()).as("reports are still acknowledged").isGreaterThanOrEqualTo(before + 200);
                HttpResponse<String> health = Await.until(() -> health(damaged.operatorPort()), r -> r.statusCode() == 503, Duration.ofSeconds(20));
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body().strip().lines()).hasSize(1);
                assertThat(health.body()).startsWith("report store damaged: ").contains("malformed").contains("repair");
                assertThat(CollectorCrashTest.metric(damaged.operatorPort(), "pinkeeper_database_up")).isZero();
                assertThat(CollectorCrashTest.metric(damaged.operatorPort(), "pinkeeper_store_damaged")).isEqualTo(1);
                assertThat(CollectorCrashTest.metric(damaged.operatorPort(), "pinkeeper_reports_pending")).isGreaterThanOrEqualTo(200);

                // no spinning: with no report coming in, the failing feeder costs little CPU
                flood.pause();
                long cpu = cpuTicks(damaged.pid());
                Thread.sleep(3000);
                assertThat(cpuTicks(damaged.pid()) - cpu).as("CPU ticks in 3 s while the store is damaged").isLessThan(100);
                flood.resume();

                Processes.Run busy = Processes.run(temp, KilledRuns.command(state, "reports", "repair"), null, Duration.ofSeconds(60));
                assertThat(busy.code()).isEqualTo(2);
                assertThat(busy.err()).contains("in use by a running collector").contains("stop it first");
                assertThat(damaged.output().stream().filter(l -> l.contains("report store")).toList())
                        .as("one log line for the outage so far, not one per attempt").hasSize(1);
            }

            Processes.Run repair = Processes.run(temp, KilledRuns.command(state, "reports", "repair"), null, Duration.ofSeconds(120));
            assertThat(repair.code()).as(repair.err()).isZero();
            assertThat(new String(repair.out(), StandardCharsets.UTF_8)).contains("0 unreadable rows lost");

            try (CollectorProcess repaired = CollectorProcess.start(port, state, null)) {
                int before = flood.acknowledgedCount();
                Await.until(flood::acknowledgedCount, n -> n >= before + 100, Duration.ofSeconds(30));
                flood.close();
                assertThat(Await.until(() -> CollectorCrashTest.metric(repaired.operatorPort(), "pinkeeper_reports_pending"), n -> n == 0,
                        Duration.ofSeconds(30))).isZero();
                assertThat(health(repaired.operatorPort()).statusCode()).isEqualTo(200);
            }
            Set<String> acknowledged = flood.acknowledged();
            Map<String, Integer> stored = StoredHosts.count(Databases.embeddedUrl(state), "damaged.test");
            assertThat(stored.keySet()).containsAll(acknowledged);
            assertThat(stored.values()).allMatch(n -> n == 1);
            try (var names = Files.list(state)) {
                assertThat(names.map(p -> p.getFileName().toString()).toList()).anyMatch(n -> n.startsWith("reports-damaged-"));
            }
        }
    }

    static HttpResponse<String> health(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** User and system CPU time of a process, in clock ticks (usually 1/100 s). */
    static long cpuTicks(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
    }
}
