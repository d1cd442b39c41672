package dev.pinkeeper.report.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
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

    private record Pending(JournalEntry entry, CompletableFuture<Void> done) {
    }

    private final ReportJournal journal;
    private final Listener listener;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(16_384);
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts the writer thread; {@code listener} hears of every fsynced batch (the feeder, metrics). */
    public JournalWriter(ReportJournal journal, Listener listener) {
        this.journal = journal;
        this.listener = listener;
        this.thread = new Thread(this::run, "pinkeeper-journal-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues {@code entry} for the next group commit. The future completes once it is fsynced to the
     * journal, or with an {@link IOException} if it could not be queued or written within
     * {@code timeoutMillis} (do not acknowledge it then). Dependent actions run on the writer thread
     * unless made async.
     */
    public CompletableFuture<Void> submit(JournalEntry entry, long timeoutMillis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            if (!running || !queue.offer(new Pending(entry, done), timeoutMillis, TimeUnit.MILLISECONDS)) {
                return CompletableFuture.failedFuture(new IOException("the report journal is overloaded"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new IOException("interrupted"));
        }
        return done.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).exceptionallyCompose(error ->
                CompletableFuture.failedFuture(error instanceof java.util.concurrent.TimeoutException
                        ? new IOException("the report was not journaled in time") : error));
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
                batch.forEach(p -> entries.add(p.entry));
                try {
                    journal.append(entries);
                } catch (IOException e) {
                    LOG.error("cannot write reports to the journal in {}: {}", journal.directory(), e.getMessage());
                    batch.forEach(p -> p.done.completeExceptionally(e));
                    continue;
                }
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
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
