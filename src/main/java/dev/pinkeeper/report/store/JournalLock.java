package dev.pinkeeper.report.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import dev.pinkeeper.files.SafeFiles;

/**
 * The lock on a journal directory ({@code .lock} in it): held by the collector that appends to the
 * journal, and by whatever must not run beside one (a repair of the store). Two collectors appending
 * to and deleting one journal would lose reports.
 */
public final class JournalLock implements AutoCloseable {
    /** Another process holds the lock: a collector runs on this journal. */
    public static final class InUseException extends IOException {
        private static final long serialVersionUID = 1L;

        InUseException(Path directory) {
            super(directory + " is in use by a running collector");
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code directory} (created 0700 if missing).
     *
     * @throws InUseException if another process (or this one) holds it
     */
    public static JournalLock acquire(Path directory) throws IOException {
        SafeFiles.createPrivateDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(".lock"),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(SafeFiles.PRIVATE_FILE));
        FileLock held;
        try {
            held = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null; // this process has it open already
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (held == null) {
            channel.close();
            throw new InUseException(directory);
        }
        return new JournalLock(channel, held);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
