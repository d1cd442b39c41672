package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.ReportFormat;
import dev.pinkeeper.testing.Await;

/** Journaled reports reach the database after their acknowledgement, classified, exactly once. */
class DatabaseFeederTest {
    @TempDir
    Path state;

    /** Classifies by host name: "i…" is interception, the rest noise; counts its calls. */
    static final class HostClassifier implements DatabaseFeeder.Classifier {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ReceivedReport classify(JournalEntry e) {
            calls.incrementAndGet();
            String body = new String(e.body(), StandardCharsets.UTF_8);
            String host = body.substring(body.indexOf(':') + 2, body.lastIndexOf('"'));
            ReportClass rc = host.startsWith("i") ? ReportClass.INTERCEPTION : ReportClass.NOISE;
            return new ReceivedReport(e.id(), e.receivedAt(), ReportFormat.RFC7469, host, 443, null, null, rc,
                    "by host", null, null, null, null, "", "", null, body);
        }
    }

    /** A running collector's storage side, without HTTP. */
    static final class Pipeline implements AutoCloseable {
        final ReportJournal journal;
        final DatabaseFeeder feeder;
        final JournalWriter writer;
        final List<ReceivedReport> stored = new ArrayList<>();

        Pipeline(Path state, ReportStore store, DatabaseFeeder.Classifier classifier) throws Exception {
            journal = new ReportJournal(state.resolve("journal"));
            feeder = new DatabaseFeeder(journal, store, classifier, reports -> {
                synchronized (stored) {
                    stored.addAll(reports);
                }
            });
            writer = new JournalWriter(journal, feeder);
        }

        /** Journals the reports and waits for every acknowledgement. */
        List<JournalEntry> acknowledge(String... hosts) throws Exception {
            List<JournalEntry> entries = new ArrayList<>();
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (String host : hosts) {
                JournalEntry e = ReportJournalTest.entry(host);
                entries.add(e);
                acks.add(writer.submit(e, 10_000));
            }
            for (CompletableFuture<Void> ack : acks) {
                ack.get();
            }
            return entries;
        }

        void awaitStored() throws InterruptedException {
            assertThat(Await.until(feeder::pending, n -> n == 0, Duration.ofSeconds(20))).as("pending").isZero();
        }

        @Override
        public void close() throws Exception {
            writer.close();
            journal.close(feeder.finish());
        }
    }

    static Map<String, String> classes(JdbcReportStore store) throws Exception {
        Map<String, String> byHost = new HashMap<>();
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT hostname, report_class FROM reports");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (byHost.put(rs.getString(1), rs.getString(2)) != null) {
                    throw new AssertionError("stored twice: " + rs.getString(1));
                }
            }
        }
        return byHost;
    }

    @Test
    void acknowledgedReportsAreClassifiedAndStoredAfterwardsAndTheJournalEmptied() throws Exception {
        try (JdbcReportStore store = JdbcReportStore.open(Databases.embeddedUrl(state))) {
            HostClassifier classifier = new HostClassifier();
            try (Pipeline p = new Pipeline(state, store, classifier)) {
                p.acknowledge("i1.test", "n1.test", "n2.test");
                p.awaitStored();
                assertThat(classes(store)).containsExactlyInAnyOrderEntriesOf(
                        Map.of("i1.test", "interception", "n1.test", "noise", "n2.test", "noise"));
                assertThat(p.stored).hasSize(3);
            }
            assertThat(classifier.calls).hasValue(3);
            try (var files = java.nio.file.Files.list(state.resolve("journal"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".journal")).toList()).as("journal after a clean stop")
                        .isEmpty();
            }
        }
    }

    @Test
    void aRowTheDatabaseRefusesIsStoredAsNoiseAndHoldsUpNoOtherReport() throws Exception {
        try (JdbcReportStore store = JdbcReportStore.open(Databases.embeddedUrl(state))) {
            assertThat(store.count()).isZero(); // migrates the schema
            try (Connection c = store.dataSource().getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "CREATE TRIGGER refuse_evil BEFORE INSERT ON reports WHEN NEW.hostname = 'evil.test' "
                                    + "BEGIN SELECT RAISE(ABORT, 'no evil'); END")) {
                s.execute(); // a real refusal by the real database: SQLITE_CONSTRAINT, not an outage
            }
            try (Pipeline p = new Pipeline(state, store, new HostClassifier())) {
                p.acknowledge("a.test", "evil.test", "i1.test");
                p.awaitStored();
                assertThat(p.feeder.isDatabaseDown()).isFalse();
                p.acknowledge("after.test");
                p.awaitStored();
            }
            assertThat(classes(store)).containsExactlyInAnyOrderEntriesOf(Map.of("a.test", "noise",
                    "(unstorable)", "noise", "i1.test", "interception", "after.test", "noise"));
            try (Connection c = store.dataSource().getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "SELECT reason, body FROM reports WHERE hostname = '(unstorable)'");
                    ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("the database refused this report (error code 19)").contains("no evil");
                assertThat(new String(rs.getBytes(2), StandardCharsets.UTF_8)).contains("evil.test");
            }
        }
    }

    @Test
    void whileTheDatabaseIsDownReportsAreAcknowledgedAndWaitThenAreStoredOnce() throws Exception {
        try (SwitchableStore store = new SwitchableStore(JdbcReportStore.open(Databases.embeddedUrl(state)));
                Pipeline p = new Pipeline(state, store, new HostClassifier())) {
            p.acknowledge("a1.test", "a2.test");
            p.awaitStored();
            store.down = true;
            p.acknowledge("b1.test", "b2.test", "b3.test");
            assertThat(Await.until(p.feeder::isDatabaseDown, down -> down, Duration.ofSeconds(10))).isTrue();
            assertThat(p.feeder.pending()).isEqualTo(3);
            assertThat(store.count()).isEqualTo(2);
            store.down = false;
            p.awaitStored();
            assertThat(p.feeder.isDatabaseDown()).isFalse();
            assertThat(store.count()).isEqualTo(5);
        }
    }

    @Test
    void reportsLeftInTheJournalByAnEarlierRunAreClassifiedAtStartExactlyOnce() throws Exception {
        try (JdbcReportStore real = JdbcReportStore.open(Databases.embeddedUrl(state))) {
            SwitchableStore store = new SwitchableStore(real);
            List<JournalEntry> first;
            try (Pipeline p = new Pipeline(state, store, new HostClassifier())) {
                first = p.acknowledge("i-stored.test");
                p.awaitStored(); // stored, but the run ends before its segment is deleted
                store.down = true;
                first = new ArrayList<>(first);
                first.addAll(p.acknowledge("i-waiting.test", "n-waiting.test"));
            }
            assertThat(real.count()).isEqualTo(1);
            // the first run's segment survives, holding all three frames: the stored one too, as after
            // a crash between a commit and the deletion of the segment
            HostClassifier classifier = new HostClassifier();
            try (Pipeline p = new Pipeline(state, store, classifier)) {
                // the store stays down until the count is read: a fast feeder would otherwise store them first
                assertThat(p.feeder.pending()).isEqualTo(3); // all three frames are still in the old segment
                store.down = false;
                p.awaitStored();
                assertThat(classes(real)).containsExactlyInAnyOrderEntriesOf(Map.of("i-stored.test", "interception",
                        "i-waiting.test", "interception", "n-waiting.test", "noise"));
                p.acknowledge("n-new.test");
                p.awaitStored();
            }
            assertThat(real.count()).isEqualTo(4);
            assertThat(classes(real)).containsEntry("n-new.test", "noise");
            assertThat(first).hasSize(3);
        }
    }
}
