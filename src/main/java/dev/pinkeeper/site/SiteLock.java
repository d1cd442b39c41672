package dev.pinkeeper.site;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.pinkeeper.files.SafeFiles;

/**
 * The one exclusive lock of a site ({@code FileChannel.tryLock} on {@link SiteLayout#lock}), held by a
 * process while it changes anything of the site: keys, plan, settings, releases. The operating system
 * releases it when the process dies, so a crash never leaves a site locked. It waits a while for
 * another process to finish ({@code patience}), then gives up with a message naming the site and the
 * process that holds it.
 *
 * <p>Re-entrant within one operation: a thread that holds the lock of a site takes it again at once
 * (a deployment holds it from its checks to the plan's record, and the key inventory and release store
 * inside take it too); it is released when the outermost hold is closed.
 *
 * <pre>{@code
 * try (SiteLock lock = SiteLock.acquire(layout, Duration.ofSeconds(10))) {
 *     // change the site
 * }
 * }</pre>
 */
public final class SiteLock implements Closeable {
    /** How long a command waits for another process's lock by default. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(10);

    /** The locks this process holds, by lock file. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path file;
    private boolean closed;

    private SiteLock(Path file) {
        this.file = file;
    }

    /** The lock of the site laid out by {@code layout}, waiting at most {@code patience} for another holder. */
    public static SiteLock acquire(SiteLayout layout, Duration patience) throws SiteLockException {
        return acquire(layout.lock(), "site " + layout.site(), patience);
    }

    /**
     * The lock on {@code lockFile} (its folder must exist), waiting at most {@code patience}.
     *
     * @param what what the lock protects, for the message ({@code site example})
     * @throws SiteLockException when another holder keeps it longer, or the file cannot be locked
     */
    public static SiteLock acquire(Path lockFile, String what, Duration patience) throws SiteLockException {
        Path key = lockFile.toAbsolutePath().normalize();
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (true) {
                synchronized (HELD) {
                    Held held = HELD.get(key);
                    if (held != null && held.thread == Thread.currentThread()) {
                        held.count++;
                        return new SiteLock(key);
                    }
                    if (held == null) {
                        FileChannel channel = open(lockFile);
                        FileLock lock = tryLock(channel, lockFile);
                        if (lock != null) {
                            HELD.put(key, new Held(Thread.currentThread(), channel, lock));
                            return new SiteLock(key);
                        }
                        closeQuietly(channel);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new SiteLockException(what + " is being changed by " + holder(lockFile, held != null)
                                + " (lock " + lockFile + "); try again when it has finished");
                    }
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteLockException("interrupted while waiting for the lock of " + what, e);
        }
    }

    /** Whether this thread holds the lock of {@code layout}'s site. */
    public static boolean heldByThisThread(SiteLayout layout) {
        synchronized (HELD) {
            Held held = HELD.get(layout.lock().toAbsolutePath().normalize());
            return held != null && held.thread == Thread.currentThread();
        }
    }

    private static FileChannel open(Path lockFile) throws SiteLockException {
        try {
            return SafeFiles.openLockFile(lockFile);
        } catch (IOException e) {
            throw new SiteLockException(lockFile + ": cannot open the lock file: " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path lockFile) throws SiteLockException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held through another channel of this process, outside this class
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SiteLockException(lockFile + ": cannot lock: " + e.getMessage(), e);
        }
    }

    /** Who holds the lock: another thread of this process, or the process /proc/locks names. */
    private static String holder(Path lockFile, boolean thisProcess) {
        if (thisProcess) {
            return "another operation of this process";
        }
        try {
            long inode = ((Number) Files.getAttribute(lockFile, "unix:ino")).longValue();
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                // 1: POSIX  ADVISORY  WRITE 27285 fe:00:2149217 0 EOF
                List<String> fields = List.of(line.trim().split("\\s+"));
                if (fields.size() >= 6 && fields.get(5).endsWith(":" + inode) && !fields.get(4).equals("-1")) {
                    String pid = fields.get(4);
                    return "another pinkeeper process (pid " + pid + command(pid) + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: say what is known
        }
        return "another pinkeeper process";
    }

    private static String command(String pid) {
        try {
            String[] args = Files.readString(Path.of("/proc", pid, "cmdline")).split("\0");
            int main = 0;
            for (int i = 0; i < args.length; i++) {
                if (args[i].endsWith(".jar") || args[i].startsWith("dev.pinkeeper.")) {
                    main = i + 1;
                }
            }
            String command = String.join(" ", List.of(args).subList(Math.min(main, args.length), args.length));
            return command.isBlank() ? "" : ": " + (command.length() > 80 ? command.substring(0, 80) + "…" : command);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** Ends this hold; the lock is released when the outermost hold ends. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(file);
            if (held == null || --held.count > 0) {
                return;
            }
            HELD.remove(file);
            try {
                held.lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(held.channel);
        }
    }

    /** One lock this process holds. */
    private static final class Held {
        private final Thread thread;
        private final FileChannel channel;
        private final FileLock lock;
        private int count = 1;

        Held(Thread thread, FileChannel channel, FileLock lock) {
            this.thread = thread;
            this.channel = channel;
            this.lock = lock;
        }
    }
}
