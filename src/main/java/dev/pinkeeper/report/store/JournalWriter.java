package dev.pinkeeper.report.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges reports only once they are durable: one thread appends what is queued to the
 * {@link ReportJournal} in one write and one fsync (group commit), then completes every waiting
 * future. Nothing here waits for the database; the {@link DatabaseFeeder} stores the journaled
 * reports afterwards.
 */
public final class JournalWriter implements AutoCloseable {
    /** Told what the writer did, for metrics. Called on the writer thread. */
    public interface Listener {
        /** {@code count} reports were fsynced to the journal in one batch. */
        void journaled(int count);
    }

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    private static final int BATCH = 1024;

    /** A report waiting for its fsync, and when it must be answered by ({@link System#nanoTime()}). */
    private record Pending(JournalEntry entry, CompletableFuture<Void> done, long deadline) {
        boolean expired(long now) {
            return now - deadline > 0;
        }
    }

    /** How often overdue reports are looked for. */
    private static final long SWEEP_MILLIS = 100;

    private final ReportJournal journal;
    private final Listener listener;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(16_384);
    private final Thread thread;
    private final ScheduledExecutorService sweeper;
    /** The batch being written and fsynced now, if any: the sweeper fails it if the disk hangs. */
    private volatile List<Pending> writing = List.of();
    private volatile boolean running = true;
    /** A disk that refuses writes fails every batch: one log line a minute, not one per batch. */
    private final OutageLog outage = new OutageLog(LOG);

    /** Starts the writer thread; {@code listener} hears of every fsynced batch (the feeder, metrics). */
    public JournalWriter(ReportJournal journal, Listener listener) {
        this.journal = journal;
        this.listener = listener;
        this.thread = new Thread(this::run, "pinkeeper-journal-writer");
        thread.setDaemon(true);
        thread.start();
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pinkeeper-journal-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::failOverdue, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues {@code entry} for the next group commit, without waiting. The future completes once it
     * is fsynced to the journal, or with an {@link IOException} if the queue is full or the entry is
     * not durable within {@code timeoutMillis} (about; overdue entries are looked for every 100 ms):
     * do not acknowledge it then. Dependent actions run on the writer thread unless made async.
     */
    public CompletableFuture<Void> submit(JournalEntry entry, long timeoutMillis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (!running || !queue.offer(new Pending(entry, done, deadline))) {
            return CompletableFuture.failedFuture(new IOException("the report journal is overloaded"));
        }
        return done;
    }

    /**
     * Fails the reports past their deadline: those still queued (they will not be written) and the
     * batch being written, if the disk hangs (it may still become durable: a 503 only says it is
     * not known to be stored, and the sender may send it again).
     */
    private void failOverdue() {
        long now = System.nanoTime();
        IOException late = new IOException("the report was not journaled in time");
        for (Pending p : writing) {
            if (p.expired(now)) {
                p.done.completeExceptionally(late);
            }
        }
        for (Pending p : queue) {
            if (p.expired(now)) {
                p.done.completeExceptionally(late);
            }
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(BATCH);
        List<JournalEntry> entries = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                entries.clear();
                batch.removeIf(p -> p.done.isDone()); // failed while queued: answered 503, not written
                batch.forEach(p -> entries.add(p.entry));
                if (batch.isEmpty()) {
                    continue;
                }
                writing = List.copyOf(batch);
                try {
                    journal.append(entries);
                } catch (IOException e) {
                    outage.failed("cannot write reports to the journal " + journal.directory() + ", answering 503: " + e);
                    batch.forEach(p -> p.done.completeExceptionally(e));
                    continue;
                } finally {
                    writing = List.of();
                }
                outage.recovered("the journal " + journal.directory() + " takes reports again");
                listener.journaled(batch.size());
                batch.forEach(p -> p.done.complete(null));
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.error("journal writer: unexpected error", e);
                batch.forEach(p -> p.done.completeExceptionally(e));
            }
        }
    }

    /** Stops after writing what is queued. */
    @Override
    public void close() {
        running = false;
        sweeper.shutdownNow();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
