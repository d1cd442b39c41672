package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group commit answers every report: durable, or refused once its deadline has passed. */
class JournalWriterTest {
    @TempDir
    Path state;

    @Test
    void aReportQueuedBehindAStuckWriterIsRefusedAtItsDeadlineAndNeverWritten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstWritten = new CountDownLatch(1);
        try (ReportJournal journal = new ReportJournal(state.resolve("journal"))) {
            JournalWriter writer = new JournalWriter(journal, count -> {
                firstWritten.countDown();
                try {
                    release.await(); // the writer thread hangs after the first batch, as on a stuck disk
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                CompletableFuture<Void> first = writer.submit(ReportJournalTest.entry("first.example"), 60_000);
                assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();
                long start = System.nanoTime();
                CompletableFuture<Void> second = writer.submit(ReportJournalTest.entry("second.example"), 200);

                assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(IOException.class).hasMessageContaining("not journaled in time");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(200);
                assertThat(first).isNotDone();

                release.countDown();
                first.get(10, TimeUnit.SECONDS);
            } finally {
                release.countDown();
                writer.close();
            }
            ReportJournal.Position durable = journal.durable();
            assertThat(journal.read(durable.segment(), 0, durable.size(), 10).entries())
                    .extracting(e -> new String(e.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .singleElement().asString().contains("first.example");
        }
    }
}
