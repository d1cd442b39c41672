package dev.pinkeeper.site;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One change of a site that its keys, plan, settings and releases join: it holds the site's lock
 * ({@link SiteLock}) from {@link #open} to {@link #close}; each participant checks what it will change,
 * then stages its writes ({@link #onCommit}); {@link #commit} runs them in the order they were staged
 * (the plan version before the key inventory version that makes it live), and nothing is written when
 * the transaction is closed without a commit or is a dry run.
 *
 * <p>A change made while a transaction of the site is open on this thread joins it: it runs under the
 * same hold of the lock (a deployment and the plan record it makes), and in a dry run of any command
 * its writes are discarded too. A joined change commits its own writes (so that the next step of the
 * same operation reads them), unless the transaction is a dry run.
 *
 * <pre>{@code
 * try (SiteTransaction tx = SiteTransaction.open(layout, SiteLock.DEFAULT_PATIENCE)) {
 *     inventory.update(site, "rollover", change -> ...);   // joins tx: staged, not yet written
 *     tx.commit();                                          // written (unless a dry run)
 * }
 * }</pre>
 */
public final class SiteTransaction implements Closeable {
    /** The open transactions of this thread, by site folder. */
    private static final ThreadLocal<Map<java.nio.file.Path, SiteTransaction>> OPEN = ThreadLocal.withInitial(HashMap::new);
    /** Whether every transaction this thread (and the threads it starts) opens is a dry run. */
    private static final InheritableThreadLocal<Boolean> DRY_RUN = new InheritableThreadLocal<>();

    /** A write staged until the commit. */
    @FunctionalInterface
    public interface Write {
        void run() throws IOException;
    }

    private final SiteLayout layout;
    private final SiteLock lock;
    private final boolean dryRun;
    private final List<Write> writes = new ArrayList<>();
    private final SiteTransaction outer;
    private boolean done;

    private SiteTransaction(SiteLayout layout, SiteLock lock, boolean dryRun, SiteTransaction outer) {
        this.layout = layout;
        this.lock = lock;
        this.dryRun = dryRun;
        this.outer = outer;
    }

    /**
     * Opens a transaction of the site, or joins the one open on this thread. It is a dry run when
     * {@link #beginDryRun} is in force (a joined transaction is what the one it joins is). The site's folder
     * must exist, except for a dry run (nothing is written, so nothing is locked). Opening (not joining)
     * a transaction that writes first removes what an interrupted one left ({@link SiteLeftovers}).
     *
     * @throws SiteLockException     when another process holds the site's lock longer than {@code patience}
     * @throws IOException           when the leftovers of an interrupted change cannot be removed
     * @throws IllegalStateException when a dry run is requested while a transaction that writes is open:
     *                               the dry run would write through it
     */
    public static SiteTransaction open(SiteLayout layout, Duration patience) throws IOException {
        boolean dryRun = dryRunRequested();
        SiteTransaction open = OPEN.get().get(layout.directory());
        if (open != null) {
            if (dryRun && !open.dryRun) {
                throw new IllegalStateException("a dry run of site " + layout.site()
                        + " cannot join its transaction that writes");
            }
            return new SiteTransaction(layout, null, open.dryRun, open);
        }
        SiteLock lock = dryRun && !Files.isDirectory(layout.directory()) ? null : SiteLock.acquire(layout, patience);
        if (!dryRun) {
            try {
                SiteLeftovers.remove(layout);
            } catch (IOException e) {
                lock.close();
                throw new IOException(layout.directory() + ": cannot remove the leftovers of an interrupted change: "
                        + e.getMessage(), e);
            }
        }
        SiteTransaction transaction = new SiteTransaction(layout, lock, dryRun, null);
        OPEN.get().put(layout.directory(), transaction);
        return transaction;
    }

    /** The transaction of the site open on this thread, if any: a change made now joins it. */
    public static Optional<SiteTransaction> current(SiteLayout layout) {
        return Optional.ofNullable(OPEN.get().get(layout.directory()));
    }

    /** Whether a dry run of the site is under way on this thread: nothing may be written, no server touched. */
    public static boolean dryRun(SiteLayout layout) {
        return dryRunRequested() || current(layout).map(SiteTransaction::dryRun).orElse(false);
    }

    /**
     * Makes every site change on this thread, and on the threads it starts from now on, a dry run until
     * {@link #endDryRun}: every check runs, no transaction writes, and the operations that would touch a
     * server or a CA ask {@link #dryRun(SiteLayout)} first.
     */
    public static void beginDryRun() {
        DRY_RUN.set(Boolean.TRUE);
    }

    /** Ends {@link #beginDryRun}. */
    public static void endDryRun() {
        DRY_RUN.remove();
    }

    /** Whether {@link #beginDryRun} is in force on this thread. */
    public static boolean dryRunRequested() {
        return Boolean.TRUE.equals(DRY_RUN.get());
    }

    /** The site. */
    public SiteLayout layout() {
        return layout;
    }

    /** Whether this is a dry run. */
    public boolean dryRun() {
        return dryRun;
    }

    /** Stages a write, run by {@link #commit} after those staged before it. */
    public void onCommit(Write write) {
        writes.add(write);
    }

    /**
     * Runs the staged writes in order (none in a dry run). A write that fails stops the commit: the
     * writes are each crash-safe and ordered so that whatever was written before a failure is never
     * live without what follows.
     */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("the transaction of site " + layout.site() + " is over");
        }
        done = true;
        if (dryRun) {
            writes.clear();
            return;
        }
        List<Write> staged = List.copyOf(writes);
        writes.clear();
        for (Write write : staged) {
            write.run();
        }
    }

    /** Ends the transaction: without a {@link #commit}, discards the staged writes; releases the lock. */
    @Override
    public void close() {
        writes.clear();
        done = true;
        if (outer != null) {
            return;
        }
        OPEN.get().remove(layout.directory());
        if (lock != null) {
            lock.close();
        }
    }
}
