package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Duration;

import dev.pinkeeper.files.SafeFiles;

/**
 * The exclusive lock that a process holds while it changes a site ({@code FileChannel.tryLock} on the
 * site's {@code lock} file). The operating system releases it when the process dies, so a crash never
 * leaves a site locked. Waits a little for another pinkeeper process to finish, then gives up.
 */
final class SiteLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SiteLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static SiteLock acquire(Path lockFile, String site, Duration patience) throws InventoryException {
        FileChannel channel;
        try {
            channel = SafeFiles.openLockFile(lockFile);
        } catch (IOException e) {
            throw new InventoryException(lockFile + ": cannot open the lock file: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this very process (another thread)
                }
                if (lock != null) {
                    return new SiteLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new InventoryException("site " + site + " is being changed by another pinkeeper process (lock "
                            + lockFile + "); try again when it has finished");
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new InventoryException(lockFile + ": cannot lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw new InventoryException("interrupted while waiting for the lock of site " + site, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
