package dev.pinkeeper.report.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32C;

import dev.pinkeeper.files.SafeFiles;

/**
 * An append-only journal of acknowledged reports, in numbered segment files
 * ({@code 00000000000000000001.journal}, …) in one directory. {@link #append} returns only after
 * the entries are on disk (fsync), so a report may be acknowledged as soon as it returns. Each
 * entry is a frame: payload length, CRC-32C of the payload, then the id, the receipt time and the
 * body. A frame torn by a crash fails its length or CRC check and ends the reading of its segment:
 * it was never acknowledged; so does a zero length, where the preallocated rest of a segment begins.
 * Every run appends to a new segment, never to one left by a crash.
 * Appending is not thread-safe (one writer thread owns it); reading segments is.
 */
public final class ReportJournal implements AutoCloseable {
    /** A segment this large is closed and the next one started. */
    static final long SEGMENT_BYTES = 16L << 20;
    private static final String SUFFIX = ".journal";
    private static final int HEADER = 8;
    private static final int FIXED = 16 + 12;
    /** The largest payload read back; anything larger is a torn or corrupt frame. */
    private static final int MAX_PAYLOAD = 4 << 20;
    /**
     * The largest body an entry may hold: a larger frame would be written and acknowledged, but read
     * back as torn (the feeder would stall at it, then drop its segment).
     */
    public static final int MAX_BODY_BYTES = MAX_PAYLOAD - FIXED;

    /** How far the journal is durable: every frame of {@code segment} before {@code size}, and all earlier segments. */
    public record Position(long segment, long size) {
    }

    /** Entries read from one segment, and the offset after the last of them. */
    public record Chunk(List<JournalEntry> entries, long nextOffset) {
    }

    private final Path directory;
    /** Held while open: two collectors appending to and deleting one journal would lose reports. */
    private final JournalLock lock;
    private FileChannel channel;
    private long segment;
    private long size;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private volatile Position durable;

    /**
     * Opens the journal in {@code directory} (created 0700), holding its {@link JournalLock}, and starts
     * a new segment after any left there.
     *
     * @throws IOException if another collector holds it, or the first segment cannot be created (a full disk)
     */
    public ReportJournal(Path directory) throws IOException {
        this.directory = directory;
        lock = JournalLock.acquire(directory);
        try {
            List<Long> existing = segments();
            openSegment(existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Starts segment {@code number}. If it cannot be created in full (a full disk), its file is removed
     * and the segment being appended to stays as it was, so a later attempt can succeed once there is
     * space again.
     */
    private void openSegment(long number) throws IOException {
        long free = Files.getFileStore(directory).getUsableSpace();
        if (free < SEGMENT_BYTES) { // fail at once, without writing the zeros that would not fit
            throw new IOException("no space left for a new journal segment (" + (SEGMENT_BYTES >> 20) + " MiB, "
                    + free / 1024 + " KiB free)");
        }
        Path file = file(number);
        FileChannel next = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(SafeFiles.PRIVATE_FILE));
        try {
            preallocate(next);
            forceDirectory(); // the new file's name must survive a crash as well as its content
        } catch (IOException | RuntimeException e) {
            next.close();
            Files.deleteIfExists(file);
            throw e;
        }
        if (channel != null) {
            channel.close();
        }
        channel = next;
        segment = number;
        size = 0;
        durable = new Position(number, 0);
    }

    /**
     * Fills a new segment with zeros and forces it, once. Appending then only overwrites blocks the
     * file already has, so the fsync after each batch writes just those blocks: no file-system
     * metadata (size, extents) changes, and the file system need not commit its own journal (which
     * on ext4 would also flush the database's unrelated dirty pages). A zero length ends the frames.
     */
    private static void preallocate(FileChannel channel) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        for (long at = 0; at < SEGMENT_BYTES; at += zeros.capacity()) {
            zeros.clear();
            while (zeros.hasRemaining()) {
                channel.write(zeros, at + zeros.position());
            }
        }
        channel.force(true);
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory; the file's own fsync is then all there is
        }
    }

    /** The journal's directory. */
    public Path directory() {
        return directory;
    }

    /** The file of segment {@code number}. */
    public Path file(long number) {
        return directory.resolve(String.format("%020d", number) + SUFFIX);
    }

    /** The numbers of the segments on disk, oldest first. */
    public List<Long> segments() throws IOException {
        List<Long> numbers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    numbers.add(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())));
                } catch (NumberFormatException ignored) {
                    // not a segment
                }
            }
        }
        numbers.sort(null);
        return numbers;
    }

    /** How far the journal is durable now. */
    public Position durable() {
        return durable;
    }

    /** Appends the entries and forces them to disk before returning. */
    public void append(List<JournalEntry> entries) throws IOException {
        buffer.clear();
        for (JournalEntry e : entries) {
            int payload = FIXED + e.body().length;
            if (buffer.remaining() < HEADER + payload) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + HEADER + payload));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            int start = buffer.position();
            buffer.putInt(payload).putInt(0);
            buffer.putLong(e.id().getMostSignificantBits()).putLong(e.id().getLeastSignificantBits());
            buffer.putLong(e.receivedAt().getEpochSecond()).putInt(e.receivedAt().getNano());
            buffer.put(e.body());
            CRC32C crc = new CRC32C();
            crc.update(buffer.array(), start + HEADER, payload);
            buffer.putInt(start + 4, (int) crc.getValue());
        }
        buffer.flip();
        int length = buffer.remaining();
        if (size > 0 && size + length > SEGMENT_BYTES) {
            openSegment(segment + 1); // this segment is full: the batch starts the next one
        }
        while (buffer.hasRemaining()) {
            channel.write(buffer, size + buffer.position());
        }
        channel.force(false);
        size += length;
        durable = new Position(segment, size);
    }

    /**
     * Reads at most {@code maxEntries} intact entries of segment {@code number} from {@code offset},
     * not beyond {@code limit}. Stops early at a torn frame.
     */
    public Chunk read(long number, long offset, long limit, int maxEntries) throws IOException {
        List<JournalEntry> entries = new ArrayList<>();
        long position = offset;
        try (FileChannel in = FileChannel.open(file(number), StandardOpenOption.READ)) {
            long end = Math.min(limit, in.size());
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (entries.size() < maxEntries && position + HEADER <= end) {
                header.clear();
                readFully(in, header, position);
                int payload = header.getInt(0);
                int crc = header.getInt(4);
                if (payload < FIXED || payload > MAX_PAYLOAD || position + HEADER + payload > end) {
                    break;
                }
                ByteBuffer bytes = ByteBuffer.allocate(payload);
                readFully(in, bytes, position + HEADER);
                CRC32C check = new CRC32C();
                check.update(bytes.array(), 0, payload);
                if ((int) check.getValue() != crc) {
                    break;
                }
                bytes.flip();
                UUID id = new UUID(bytes.getLong(), bytes.getLong());
                Instant at = Instant.ofEpochSecond(bytes.getLong(), bytes.getInt());
                byte[] body = new byte[bytes.remaining()];
                bytes.get(body);
                entries.add(new JournalEntry(id, at, body));
                position += HEADER + payload;
            }
        }
        return new Chunk(entries, position);
    }

    private static void readFully(FileChannel in, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (in.read(into, position + into.position()) < 0) {
                throw new IOException("journal segment ended early");
            }
        }
    }

    /** Deletes segment {@code number} once every entry in it is stored; never the one being appended to. */
    public void delete(long number) throws IOException {
        if (number == durable.segment()) {
            throw new IllegalStateException("segment " + number + " is being appended to");
        }
        Files.deleteIfExists(file(number));
    }

    /** Closes the segment being appended to, and deletes it if {@code deleteCurrent} (every entry in it is stored). */
    public void close(boolean deleteCurrent) throws IOException {
        try {
            channel.close();
            if (deleteCurrent) {
                Files.deleteIfExists(file(segment));
            }
        } finally {
            lock.close();
        }
    }

    @Override
    public void close() throws IOException {
        close(false);
    }
}
