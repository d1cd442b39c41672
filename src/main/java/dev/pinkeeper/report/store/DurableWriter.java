package dev.pinkeeper.report.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pinkeeper.report.ReceivedReport;

/**
 * Writes reports so that none acknowledged is ever lost: {@link #write} returns only once the
 * report is committed to the database or, while the database is down, appended to the spool and
 * fsynced. One writer thread commits reports in batches (group commit) and owns the spool; when
 * the database answers again it replays the spool with insert-if-absent, so every spooled report
 * is stored exactly once, even if a replay is interrupted and repeated.
 */
public final class DurableWriter implements AutoCloseable {
    /** Where a report went. */
    public enum Outcome { STORED, SPOOLED }

    /** Told what the writer did, for metrics. Called on the writer thread. */
    public interface Listener {
        void stored(int count);

        void spooled(int count);

        void replayed(int count);

        /** No-op listener. */
        Listener NONE = new Listener() {
            @Override
            public void stored(int count) {
            }

            @Override
            public void spooled(int count) {
            }

            @Override
            public void replayed(int count) {
            }
        };
    }

    private static final Logger LOG = LoggerFactory.getLogger(DurableWriter.class);
    private static final int BATCH = 512;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Pending(ReceivedReport report, CompletableFuture<Outcome> done) {
    }

    private final ReportStore store;
    private final Spool spool;
    private final Listener listener;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(16_384);
    private final Thread thread;
    private final java.util.concurrent.ScheduledExecutorService prober;
    private volatile boolean running = true;
    private volatile boolean databaseDown;
    private volatile boolean databaseAnswers;

    public DurableWriter(ReportStore store, Spool spool, Listener listener) throws IOException {
        this.store = store;
        this.spool = spool;
        this.listener = listener;
        this.databaseDown = !spool.isEmpty(); // a spool left by an earlier run is replayed first
        this.thread = new Thread(this::run, "pinkeeper-report-writer");
        thread.setDaemon(true);
        // while the database is down, another thread asks it every second, so that waiting for a
        // connection never holds up spooling
        this.prober = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pinkeeper-database-probe");
            t.setDaemon(true);
            return t;
        });
        prober.scheduleWithFixedDelay(this::probe, 0, RETRY_NANOS, TimeUnit.NANOSECONDS);
        thread.start();
    }

    /**
     * Stores {@code report} or spools it durably, waiting at most {@code timeoutMillis}.
     *
     * @throws IOException if it was neither stored nor spooled in time (do not acknowledge it)
     */
    public Outcome write(ReceivedReport report, long timeoutMillis) throws IOException {
        try {
            return submit(report, timeoutMillis).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Queues {@code report} for the next group commit without waiting for it. The future completes
     * with the outcome once the report is committed to the database or fsynced to the spool, or
     * with an {@link IOException} if it was neither within {@code timeoutMillis} (do not
     * acknowledge it then). Dependent actions run on the writer thread: keep them short.
     */
    public CompletableFuture<Outcome> submit(ReceivedReport report, long timeoutMillis) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        try {
            if (!running || !queue.offer(new Pending(report, done), timeoutMillis, TimeUnit.MILLISECONDS)) {
                return CompletableFuture.failedFuture(new IOException("the report writer is overloaded"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new IOException("interrupted"));
        }
        return done.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((outcome, error) -> {
            if (error == null) {
                return outcome;
            }
            throw new CompletionException(error instanceof TimeoutException
                    ? new IOException("the report was not stored in time")
                    : new IOException("the report could be neither stored nor spooled: " + error.getMessage(), error));
        });
    }

    /** Whether reports are being spooled because the database is down. */
    public boolean isDatabaseDown() {
        return databaseDown;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                if (databaseDown && databaseAnswers) {
                    recover();
                }
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.error("report writer: unexpected error", e);
                batch.forEach(p -> p.done.completeExceptionally(e));
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        List<ReceivedReport> reports = new ArrayList<>(batch.size());
        batch.forEach(p -> reports.add(p.report));
        if (!databaseDown) {
            try {
                store.insertIfAbsent(reports);
                listener.stored(reports.size());
                batch.forEach(p -> p.done.complete(Outcome.STORED));
                return;
            } catch (SQLException e) {
                LOG.warn("database unavailable, spooling reports to {}: {}", spool.file(), e.getMessage());
                databaseAnswers = false;
                databaseDown = true;
            }
        }
        try {
            spool.append(reports);
            listener.spooled(reports.size());
            batch.forEach(p -> p.done.complete(Outcome.SPOOLED));
        } catch (IOException e) {
            LOG.error("cannot spool reports to {}: {}", spool.file(), e.getMessage());
            batch.forEach(p -> p.done.completeExceptionally(e));
        }
    }

    private void probe() {
        if (databaseDown && !databaseAnswers) {
            databaseAnswers = store.isReachable();
        }
    }

    /** Replays the spool; leaves {@link #databaseDown} set if that fails. */
    private void recover() {
        try {
            List<ReceivedReport> spooled = spool.readAll();
            for (int from = 0; from < spooled.size(); from += BATCH) {
                store.insertIfAbsent(spooled.subList(from, Math.min(spooled.size(), from + BATCH)));
            }
            spool.clear();
            listener.replayed(spooled.size());
            if (!spooled.isEmpty()) {
                LOG.info("database back: replayed {} spooled reports", spooled.size());
            }
            databaseDown = false;
        } catch (SQLException | IOException e) {
            databaseAnswers = false;
            LOG.warn("replaying the spool failed, will retry: {}", e.getMessage());
        }
    }

    /** Stops after writing what is queued (and replaying the spool if the database is back). */
    @Override
    public void close() {
        running = false;
        prober.shutdownNow();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
