package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJournalTest {
    @TempDir
    Path dir;

    static JournalEntry entry(String host) {
        return new JournalEntry(UUID.randomUUID(), Instant.parse("2026-11-22T10:00:00.123456789Z"),
                ("{\"hostname\":\"" + host + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void entriesAreReadBackExactlyAndInOrder() throws Exception {
        List<JournalEntry> sent = List.of(entry("a.test"), entry("b.test"), entry("c.test"));
        try (ReportJournal journal = new ReportJournal(dir)) {
            journal.append(sent.subList(0, 2));
            journal.append(sent.subList(2, 3));
            ReportJournal.Position durable = journal.durable();
            assertThat(Files.size(journal.file(durable.segment()))).as("preallocated").isEqualTo(ReportJournal.SEGMENT_BYTES);
            ReportJournal.Chunk all = journal.read(durable.segment(), 0, Long.MAX_VALUE, 10);
            assertThat(all.nextOffset()).as("the zeros after the last frame end the reading").isEqualTo(durable.size());
            assertThat(all.entries()).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(all.entries().get(i).id()).isEqualTo(sent.get(i).id());
                assertThat(all.entries().get(i).receivedAt()).isEqualTo(sent.get(i).receivedAt());
                assertThat(all.entries().get(i).body()).isEqualTo(sent.get(i).body());
            }
            ReportJournal.Chunk first = journal.read(durable.segment(), 0, durable.size(), 1);
            assertThat(first.entries()).extracting(JournalEntry::id).containsExactly(sent.get(0).id());
            assertThat(journal.read(durable.segment(), first.nextOffset(), durable.size(), 10).entries())
                    .extracting(JournalEntry::id).containsExactly(sent.get(1).id(), sent.get(2).id());
        }
    }

    @Test
    void theLargestBodyAllowedIsReadBackAndTheCollectorRefusesALargerLimit() throws Exception {
        JournalEntry largest = new JournalEntry(UUID.randomUUID(), Instant.parse("2026-11-22T10:00:00Z"),
                new byte[ReportJournal.MAX_BODY_BYTES]);
        try (ReportJournal journal = new ReportJournal(dir)) {
            journal.append(List.of(largest));
            ReportJournal.Position durable = journal.durable();
            ReportJournal.Chunk read = journal.read(durable.segment(), 0, durable.size(), 10);
            assertThat(read.entries()).extracting(JournalEntry::id).containsExactly(largest.id());
            assertThat(read.nextOffset()).isEqualTo(durable.size());
        }
        var config = dev.pinkeeper.report.http.CollectorConfig.defaults("127.0.0.1", 0);
        assertThat(config.withMaxBodyBytes(ReportJournal.MAX_BODY_BYTES).maxBodyBytes()).isEqualTo(ReportJournal.MAX_BODY_BYTES);
        assertThatThrownBy(() -> config.withMaxBodyBytes(ReportJournal.MAX_BODY_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachRunStartsANewSegmentAndATornFrameEndsItsSegment() throws Exception {
        JournalEntry before = entry("before.test");
        long first;
        long end;
        try (ReportJournal journal = new ReportJournal(dir)) {
            journal.append(List.of(before));
            first = journal.durable().segment();
            end = journal.durable().size();
        }
        // a crash tore the next frame: its header promises more bytes than were written
        Path firstFile = dir.resolve(String.format("%020d", first) + ".journal");
        try (FileChannel f = FileChannel.open(firstFile, StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 9, 9, 9, 9, '{'}), end);
        }
        try (ReportJournal journal = new ReportJournal(dir)) {
            assertThat(journal.durable().segment()).isEqualTo(first + 1);
            assertThat(journal.segments()).containsExactly(first, first + 1);
            assertThat(journal.read(first, 0, Long.MAX_VALUE, 10).entries()).extracting(JournalEntry::id)
                    .containsExactly(before.id());
            JournalEntry after = entry("after.test");
            journal.append(List.of(after));
            assertThat(journal.read(first + 1, 0, journal.durable().size(), 10).entries()).extracting(JournalEntry::id)
                    .containsExactly(after.id());
        }
    }

    @Test
    void oneJournalDirectoryServesOneCollectorAtATime() throws Exception {
        try (ReportJournal journal = new ReportJournal(dir)) {
            assertThatThrownBy(() -> new ReportJournal(dir)).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("in use by a running collector");
            assertThat(journal.segments()).hasSize(1);
        }
        try (ReportJournal again = new ReportJournal(dir)) {
            assertThat(again.segments()).hasSize(2);
        }
    }

    @Test
    void aFrameWithAWrongChecksumIsNotRead() throws Exception {
        try (ReportJournal journal = new ReportJournal(dir)) {
            journal.append(List.of(entry("good.test"), entry("bad.test")));
            long segment = journal.durable().segment();
            byte[] bytes = Files.readAllBytes(journal.file(segment));
            bytes[(int) journal.durable().size() - 3] ^= 0x20; // one flipped bit in the last body
            Files.write(journal.file(segment), bytes);
            assertThat(journal.read(segment, 0, Long.MAX_VALUE, 10).entries()).hasSize(1);
        }
    }

    @Test
    void aFullSegmentIsClosedAndTheNextStarted() throws Exception {
        try (ReportJournal journal = new ReportJournal(dir)) {
            long first = journal.durable().segment();
            byte[] big = new byte[64 * 1024];
            List<JournalEntry> batch = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                batch.add(new JournalEntry(UUID.randomUUID(), Instant.now(), big));
            }
            long written = 0;
            while (journal.durable().segment() == first) {
                journal.append(batch);
                written += batch.size();
            }
            assertThat(Files.size(journal.file(first))).isEqualTo(ReportJournal.SEGMENT_BYTES);
            // the batch that did not fit any more started the next segment
            assertThat(journal.read(first, 0, Long.MAX_VALUE, Integer.MAX_VALUE).entries()).hasSize((int) written - batch.size());
            assertThat(journal.read(first + 1, 0, Long.MAX_VALUE, Integer.MAX_VALUE).entries()).hasSize(batch.size());
            journal.delete(first);
            assertThat(journal.segments()).containsExactly(first + 1);
        }
    }
}
