package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.TreeMap;
import java.util.stream.Stream;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.store.LegacyH2Store;
import dev.pinkeeper.report.store.LocalPostgres;
import dev.pinkeeper.testing.Await;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.KilledRuns;
import dev.pinkeeper.testing.ListeningSockets;
import dev.pinkeeper.testing.Processes;

/** The collector process as an operator starts it: where it listens, and what a failed start leaves behind. */
class CollectorStartupTest {
    @TempDir
    Path temp;

    /**
     * Every TCP address the collector process may listen on: its {@code --listen} address and nothing
     * else (no database server, no debug port). The operator address (dashboard, metrics, health;
     * loopback) is the only other one.
     */
    private static Set<String> expectedListeners(int port, int operatorPort) {
        return Set.of("127.0.0.1:" + port, "127.0.0.1:" + operatorPort);
    }

    @Test
    void theCollectorListensOnlyWhereListenSaysWhileReportsAreReadFromAnotherProcess() throws Exception {
        Path state = temp.resolve("state");
        int port = LocalPostgres.freePort();
        try (CollectorProcess collector = CollectorProcess.start(port, state, null)) {
            postReport(port, "one.listen.test");
            Await.until(() -> CollectorCrashTest.metric(port, "pinkeeper_reports_stored_total"), n -> n >= 1, Duration.ofSeconds(20));
            // another process reads the store while the collector has it open
            Processes.Run reports = Processes.run(temp, KilledRuns.command(state, "reports", "--json"), null,
                    Duration.ofSeconds(60));
            assertThat(reports.code()).as(reports.err()).isZero();
            assertThat(new String(reports.out(), StandardCharsets.UTF_8)).contains("\"total\":1");
            assertThat(ListeningSockets.of(collector.pid())).isEqualTo(expectedListeners(port, collector.operatorPort()));
        }
    }

    /** Under umask 000 the collector creates its state directory, journal and SQLite files private all the same. */
    @Test
    void underUmask000TheStateTheStoreAndTheJournalArePrivate() throws Exception {
        Path state = temp.resolve("created-by-the-collector");
        int port = LocalPostgres.freePort();
        try (CollectorProcess collector = CollectorProcess.start(port, state, null, 0)) {
            postReport(port, "umask.listen.test");
            assertThat(Await.until(() -> CollectorCrashTest.metric(collector.operatorPort(), "pinkeeper_reports_stored_total"), n -> n >= 1,
                    Duration.ofSeconds(20))).isEqualTo(1);
            Map<String, String> modes = new TreeMap<>();
            try (Stream<Path> files = Files.walk(state)) {
                for (Path p : files.toList()) {
                    modes.put(state.relativize(p).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                }
            }
            assertThat(modes).containsKeys("", "reports.db", "reports.db-wal", "reports.db-shm", "journal", "journal/.lock");
            modes.forEach((name, mode) -> assertThat(mode).as(name)
                    .isEqualTo(Files.isDirectory(state.resolve(name)) ? "rwx------" : "rw-------"));
        }
    }

    /** The H2 store of an earlier version is imported at start, read without H2's server; then never again. */
    @Test
    void anEarlierVersionsH2StoreIsImportedOnceWithoutAListener() throws Exception {
        Path state = temp.resolve("h2");
        Files.createDirectories(state);
        LegacyH2Store.create(state, 500);
        int port = LocalPostgres.freePort();
        try (CollectorProcess collector = CollectorProcess.start(port, state, null)) {
            assertThat(collector.output()).anyMatch(l -> l.contains("imported 500 reports of an earlier version from "
                    + state.resolve("reports.mv.db")));
            assertThat(ListeningSockets.of(collector.pid())).isEqualTo(expectedListeners(port, collector.operatorPort()));
            Processes.Run reports = Processes.run(temp, KilledRuns.command(state, "reports", "--json"), null,
                    Duration.ofSeconds(60));
            assertThat(reports.code()).as(reports.err()).isZero();
            assertThat(new String(reports.out(), StandardCharsets.UTF_8)).contains("\"total\":500");
        }
        try (var names = Files.list(state)) {
            assertThat(names.map(p -> p.getFileName().toString()).toList())
                    .doesNotContain("reports.mv.db", "reports.lock.db").anyMatch(n -> n.startsWith("reports-h2-imported-"));
        }
        try (CollectorProcess again = CollectorProcess.start(port, state, null)) {
            assertThat(again.output()).noneMatch(l -> l.contains("imported"));
        }
    }

    /**
     * A repair cut short between moving the damaged file aside and the repaired copy in: the collector
     * finishes it at start rather than open an empty store beside the copy (whose reports the journal no
     * longer holds).
     */
    @Test
    void aCollectorStartedAfterACutShortRepairServesTheRepairedCopy() throws Exception {
        Path state = temp.resolve("cut-short");
        int port = LocalPostgres.freePort();
        try (CollectorProcess collector = CollectorProcess.start(port, state, null)) {
            postReport(port, "kept.repair.test");
            Await.until(() -> CollectorCrashTest.metric(collector.operatorPort(), "pinkeeper_reports_stored_total"),
                    n -> n >= 1, Duration.ofSeconds(20));
        }
        Path store = state.resolve("reports.db");
        Files.move(store, state.resolve("reports.db.repairing"));
        Files.deleteIfExists(state.resolve("reports.db-wal"));
        Files.deleteIfExists(state.resolve("reports.db-shm"));
        try (CollectorProcess collector = CollectorProcess.start(port, state, null)) {
            assertThat(collector.output()).anyMatch(l -> l.contains("finished a repair of " + store + " that was cut short"));
            Processes.Run reports = Processes.run(temp, KilledRuns.command(state, "reports", "--json"), null,
                    Duration.ofSeconds(60));
            assertThat(reports.code()).as(reports.err()).isZero();
            assertThat(new String(reports.out(), StandardCharsets.UTF_8)).contains("\"total\":1");
        }
        assertThat(state.resolve("reports.db.repairing")).doesNotExist();
    }

    static void postReport(int port, String host) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/report")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hostname\":\"" + host + "\",\"port\":443,"
                        + "\"known-pins\":[],\"served-certificate-chain\":[],\"validated-certificate-chain\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
    }

    @Test
    void aTakenPortEndsTheCollectorBeforeItCreatesAnyFile() throws Exception {
        Path fresh = temp.resolve("fresh");
        Path used = temp.resolve("used");
        int port = LocalPostgres.freePort();
        try (CollectorProcess earlier = CollectorProcess.start(port, used, null)) {
            assertThat(earlier.pid()).isPositive(); // leaves a journal and a store behind in "used"
        }
        Map<String, String> before = FileSnapshot.of(used);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (Path state : List.of(fresh, used)) {
                List<String> command = KilledRuns.command(state, "collector", "--listen", "127.0.0.1:" + taken.getLocalPort());
                Processes.Run run = Processes.run(temp, command, null, Duration.ofSeconds(60));
                String err = run.err();
                assertThat(run.code()).as(err).isEqualTo(2);
                assertThat(err.strip().lines()).as(err).hasSize(1);
                assertThat(err).contains("127.0.0.1:" + taken.getLocalPort());
                assertThat(new String(run.out(), StandardCharsets.UTF_8)).isEmpty();
            }
        }
        assertThat(fresh).as("a state directory the refused collector would have created").doesNotExist();
        assertThat(FileSnapshot.of(used)).as("the earlier run's journal and store, byte for byte").isEqualTo(before);
        try (var names = Files.list(used)) {
            assertThat(names.map(p -> p.getFileName().toString()).toList()).noneMatch(n -> n.endsWith(".lock.db"));
        }
    }
}
