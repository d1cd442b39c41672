package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
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
import dev.pinkeeper.report.store.StoredHosts;
import dev.pinkeeper.testing.Await;
import dev.pinkeeper.testing.Processes;

/**
 * A full disk, made with a small tmpfs, under the journal and under the store: reports are answered
 * 503 rather than a 204 that would not be kept, the log says so once (not once per request), and
 * everything recovers once there is space again, every report answered 204 stored exactly once.
 * Mounting needs root: the tests are skipped otherwise.
 */
class CollectorFullDiskTest {
    /** Each report about 60 KB, so that a 16 MiB journal segment fills in a few hundred reports. */
    private static final int PADDING = 60_000;

    @TempDir
    Path temp;

    @Test
    void aFullJournalDiskAnswers503UntilThereIsSpaceAgain() throws Exception {
        assumeRoot();
        Path state = temp.resolve("state");
        Path journal = Files.createDirectories(state.resolve("journal"));
        mount(journal, "20m"); // the first 16 MiB segment fits, the second does not
        try {
            int port = LocalPostgres.freePort();
            try (ReportFlood flood = new ReportFlood(URI.create("http://127.0.0.1:" + port + "/r"), "journal-full.test", 4,
                    Duration.ofMinutes(5)).withPadding(PADDING);
                    CollectorProcess collector = CollectorProcess.start(port, state, null)) {
                flood.start();
                assertThat(Await.until(flood::refused, n -> n >= 200, Duration.ofSeconds(60)))
                        .as("answered 503 once the journal cannot grow").isGreaterThanOrEqualTo(200);
                int acknowledgedWhileFull = flood.acknowledgedCount();
                int refusedBefore = flood.refused();
                Thread.sleep(3000); // many more refused reports
                assertThat(flood.acknowledgedCount()).as("no 204 while the journal disk is full").isEqualTo(acknowledgedWhileFull);
                assertThat(flood.refused()).isGreaterThan(refusedBefore + 100);
                List<String> problems = warnings(collector);
                assertThat(problems).as("the full disk logged once, not per request").hasSize(1);
                assertThat(problems.get(0)).contains("cannot write reports to the journal").containsIgnoringCase("no space left");

                Processes.ok(temp, "mount -o remount,size=100m '" + journal + "'");
                Await.until(flood::acknowledgedCount, n -> n >= acknowledgedWhileFull + 100, Duration.ofSeconds(60));
                assertThat(flood.acknowledgedCount()).as("204 again once there is space").isGreaterThanOrEqualTo(acknowledgedWhileFull + 100);
                flood.close();
                assertThat(Await.until(() -> CollectorCrashTest.metric(collector.operatorPort(), "pinkeeper_reports_pending"), n -> n == 0,
                        Duration.ofSeconds(60))).isZero();
                assertThat(collector.output()).anyMatch(l -> l.contains("takes reports again"));
                assertThat(warnings(collector)).hasSize(1);
                assertStoredOnce(state, flood.acknowledged(), "journal-full.test");
            }
        } finally {
            umount(journal);
        }
    }

    @Test
    void aFullStoreDiskKeepsReportsInTheJournalUntilThereIsSpaceAgain() throws Exception {
        assumeRoot();
        Path state = Files.createDirectories(temp.resolve("state"));
        mount(state, "4m"); // the store: about 60 reports
        Path journal = Files.createDirectories(state.resolve("journal"));
        mount(journal, "100m");
        try {
            int port = LocalPostgres.freePort();
            try (ReportFlood flood = new ReportFlood(URI.create("http://127.0.0.1:" + port + "/r"), "store-full.test", 4,
                    Duration.ofMinutes(5)).withPadding(PADDING);
                    CollectorProcess collector = CollectorProcess.start(port, state, null)) {
                flood.start();
                assertThat(Await.until(() -> CollectorDamagedStoreTest.health(collector.operatorPort()).statusCode(), s -> s == 503,
                        Duration.ofSeconds(60))).isEqualTo(503);
                assertThat(CollectorDamagedStoreTest.health(collector.operatorPort()).body()).startsWith("report store down: ").contains("full");
                assertThat(CollectorCrashTest.metric(collector.operatorPort(), "pinkeeper_database_up")).isZero();
                int acknowledgedWhileFull = flood.acknowledgedCount();
                Await.until(flood::acknowledgedCount, n -> n >= acknowledgedWhileFull + 200, Duration.ofSeconds(60));
                assertThat(flood.acknowledgedCount()).as("the journal still takes reports").isGreaterThanOrEqualTo(acknowledgedWhileFull + 200);
                List<String> problems = warnings(collector);
                assertThat(problems).as("the full store logged once, not per batch").hasSize(1);

                Processes.ok(temp, "mount -o remount,size=200m '" + state + "'");
                flood.close();
                assertThat(Await.until(() -> CollectorCrashTest.metric(collector.operatorPort(), "pinkeeper_reports_pending"), n -> n == 0,
                        Duration.ofSeconds(60))).isZero();
                assertThat(CollectorDamagedStoreTest.health(collector.operatorPort()).statusCode()).isEqualTo(200);
                assertThat(collector.output()).anyMatch(l -> l.contains("report store answers again"));
                assertThat(warnings(collector)).hasSize(1);
                assertStoredOnce(state, flood.acknowledged(), "store-full.test");
            }
        } finally {
            umount(journal);
            umount(state);
        }
    }

    private static List<String> warnings(CollectorProcess collector) {
        return collector.output().stream().filter(l -> l.startsWith("WARN ") || l.startsWith("ERROR ") || l.contains(" WARN ") || l.contains(" ERROR ")).toList();
    }

    private static void assertStoredOnce(Path state, Set<String> acknowledged, String suffix) throws Exception {
        Map<String, Integer> stored = StoredHosts.count(Databases.embeddedUrl(state), suffix);
        assertThat(stored.keySet()).containsAll(acknowledged);
        assertThat(stored.values()).allMatch(n -> n == 1);
    }

    private static void assumeRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs to fill needs root");
    }

    private void mount(Path at, String size) {
        Processes.Output out = Processes.sh(temp, "mount -t tmpfs -o size=" + size + ",mode=0700 tmpfs '" + at + "'");
        assumeTrue(out.code() == 0, "cannot mount a tmpfs here: " + out.err());
    }

    private void umount(Path at) {
        Processes.sh(temp, "umount -l '" + at + "'");
    }
}
