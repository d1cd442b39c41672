package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportClass;

class DurableWriterTest {
    @TempDir
    Path state;

    static ReceivedReport report(int i) {
        return StoreContract.report("r" + i + ".writer.test", ReportClass.NOISE, "CN=I", null, Instant.now());
    }

    static void awaitDatabaseUp(DurableWriter writer) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (writer.isDatabaseDown() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(writer.isDatabaseDown()).as("spool replayed").isFalse();
    }

    @Test
    void reportsSpooledWhileTheDatabaseIsDownAreStoredOnceWhenItReturns() throws Exception {
        try (SwitchableStore store = new SwitchableStore(JdbcReportStore.open(Databases.embeddedUrl(state)));
                Spool spool = new Spool(state.resolve("spool/reports.spool"))) {
            DurableWriter writer = new DurableWriter(store, spool, DurableWriter.Listener.NONE);
            List<ReceivedReport> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(report(i));
                assertThat(writer.write(sent.get(i), 10_000)).isEqualTo(DurableWriter.Outcome.STORED);
            }
            store.down = true;
            for (int i = 20; i < 50; i++) {
                sent.add(report(i));
                assertThat(writer.write(sent.get(i), 10_000)).isEqualTo(DurableWriter.Outcome.SPOOLED);
            }
            assertThat(spool.readAll()).extracting(ReceivedReport::id)
                    .containsExactlyElementsOf(sent.subList(20, 50).stream().map(ReceivedReport::id).toList());
            assertThat(store.count()).isEqualTo(20);
            store.down = false;
            awaitDatabaseUp(writer);
            assertThat(store.count()).isEqualTo(50);
            assertThat(spool.isEmpty()).isTrue();
            assertThat(writer.write(report(99), 10_000)).isEqualTo(DurableWriter.Outcome.STORED);
            writer.close();
        }
    }

    @Test
    void spoolLeftByAnEarlierRunIsReplayedAtStartExactlyOnce() throws Exception {
        ReceivedReport alreadyStored = report(1);
        ReceivedReport onlySpooled = report(2);
        try (JdbcReportStore store = JdbcReportStore.open(Databases.embeddedUrl(state))) {
            store.insertIfAbsent(List.of(alreadyStored)); // stored, then the process died before clearing the spool
            try (Spool spool = new Spool(state.resolve("spool/reports.spool"))) {
                spool.append(List.of(alreadyStored, onlySpooled));
            }
            try (Spool spool = new Spool(state.resolve("spool/reports.spool"))) {
                DurableWriter writer = new DurableWriter(store, spool, DurableWriter.Listener.NONE);
                awaitDatabaseUp(writer);
                writer.close();
                assertThat(store.count()).isEqualTo(2);
                assertThat(spool.isEmpty()).isTrue();
            }
        }
    }

    @Test
    void lineTornByACrashIsSkippedAndTheNextReportKept() throws Exception {
        Path file = state.resolve("spool/reports.spool");
        ReceivedReport before = report(1);
        ReceivedReport after = report(2);
        try (Spool spool = new Spool(file)) {
            spool.append(List.of(before));
        }
        Files.writeString(file, "1234abcd {\"id\":\"torn", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Spool spool = new Spool(file)) {
            spool.append(List.of(after));
            assertThat(spool.readAll()).extracting(ReceivedReport::id).containsExactly(before.id(), after.id());
        }
    }
}
