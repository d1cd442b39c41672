package dev.pinkeeper.report.store;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pinkeeper.report.ReceivedReport;

/**
 * Moves acknowledged reports from the {@link ReportJournal} into the database, after their 204:
 * one thread reads the journal in order, has each entry classified, and stores the rows in large
 * batches with insert-if-absent. A segment is deleted only once every entry in it is stored and
 * the database has it on disk ({@link ReportStore#sync()}), so after any crash the segments left
 * are read again from the start and every report is stored exactly once (by its id). While the
 * database is down the same batch is retried every second and the journal simply grows.
 *
 * <p>A store that stops making progress is an outage the operator sees: {@link #status()} says
 * down, stalled (reports wait and none was stored for the stall limit, even while a call into the
 * database never returns) or damaged; the log gets one line when it begins, one a minute while it
 * lasts and one when it ends ({@link OutageLog}). The feeder recovers by itself where it can: it
 * reopens the store's connections after ten failures in a row and when a call hangs past the stall
 * limit, and stores the journal's reports as soon as the store answers.
 */
public final class DatabaseFeeder implements JournalWriter.Listener, AutoCloseable {
    /** Turns a journaled report into its classified row. Must not throw on any body the journal holds. */
    public interface Classifier {
        ReceivedReport classify(JournalEntry entry);
    }

    /** Told what the feeder did, for metrics. Called on the feeder thread. */
    public interface Listener {
        /** These reports were committed to the database in one transaction. */
        void stored(List<ReceivedReport> reports);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFeeder.class);
    private static final int BATCH = 2048;
    private static final long RETRY_MILLIS = 1000;
    /**
     * After storing less than a full batch, wait this long for more: one commit of many rows costs
     * the database far less than many commits of a few (each SQLite commit fsyncs its write-ahead log).
     */
    private static final long LINGER_MILLIS = 200;
    private static final long CLOSE_WAIT_MILLIS = 30_000;
    /** Reports waiting this long without one being stored make the store "stalled". */
    public static final Duration STALL_AFTER = Duration.ofSeconds(30);
    /** After this many failures in a row the store's connections are opened anew. */
    private static final int REOPEN_AFTER_FAILURES = 10;

    private final ReportJournal journal;
    private final ReportStore store;
    private final Classifier classifier;
    private final Listener listener;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition more = lock.newCondition();
    private final Condition stopping = lock.newCondition();
    private volatile boolean running = true;
    private volatile boolean databaseDown;
    private volatile boolean damaged;
    private volatile String problem;
    private volatile long pending;
    /** When a batch was last stored, or the feeder last found nothing to store ({@link System#nanoTime()}). */
    private volatile long lastProgress = System.nanoTime();
    /** When the call into the store running now began, or 0. */
    private volatile long callStarted;
    private volatile long lastReopen = System.nanoTime();
    private int failuresInARow;
    private final long stallNanos;
    private final OutageLog outage = new OutageLog(LOG);
    private final ScheduledExecutorService watchdog;
    private long segment;
    private long offset;

    /**
     * Starts feeding, first the segments an earlier run left (its entries count as pending).
     *
     * @throws IOException if those segments cannot be read
     */
    public DatabaseFeeder(ReportJournal journal, ReportStore store, Classifier classifier, Listener listener)
            throws IOException {
        this(journal, store, classifier, listener, STALL_AFTER);
    }

    /** As above, with reports waiting {@code stallAfter} without progress making the store "stalled". */
    public DatabaseFeeder(ReportJournal journal, ReportStore store, Classifier classifier, Listener listener,
            Duration stallAfter) throws IOException {
        this.stallNanos = stallAfter.toNanos();
        this.journal = journal;
        this.store = store;
        this.classifier = classifier;
        this.listener = listener;
        List<Long> segments = journal.segments();
        this.segment = segments.get(0);
        long left = 0;
        for (long s : segments) {
            if (s < journal.durable().segment()) {
                left += journal.read(s, 0, Long.MAX_VALUE, Integer.MAX_VALUE).entries().size();
            }
        }
        this.pending = left;
        this.thread = new Thread(this::run, "pinkeeper-database-feeder");
        thread.setDaemon(true);
        thread.start();
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pinkeeper-database-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    }

    /** Says that {@code count} more reports were journaled; wakes the feeder. */
    @Override
    public void journaled(int count) {
        lock.lock();
        try {
            pending += count;
            more.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Reports acknowledged but not stored in the database yet. */
    public long pending() {
        return pending;
    }

    /** Whether the last attempt to store failed: reports wait in the journal until the database answers. */
    public boolean isDatabaseDown() {
        return databaseDown;
    }

    /** Whether reports reach the store now, and if not why. */
    public StoreStatus status() {
        long waiting = pending;
        long since = System.nanoTime() - lastProgress;
        boolean stalled = waiting > 0 && since >= stallNanos;
        long stalledSeconds = waiting > 0 ? since / 1_000_000_000L : 0;
        String reason = problem;
        if (reason == null && stalled && callStarted != 0) {
            reason = "a call into the database has not returned for " + OutageLog.age(System.nanoTime() - callStarted);
        }
        return new StoreStatus(!databaseDown, stalled, damaged, waiting, stalledSeconds, reason);
    }

    /**
     * Once a second: logs a stalled store (at most once a minute), and reopens its connections when a
     * call into it has hung past the stall limit (at most once per stall limit).
     */
    private void watch() {
        try {
            StoreStatus now = status();
            if (now.stalled()) {
                outage.failed(now.describe());
                long started = callStarted;
                long at = System.nanoTime();
                if (started != 0 && at - started >= stallNanos && at - lastReopen >= stallNanos) {
                    lastReopen = at;
                    LOG.warn("reopening the report store: a call into it has not returned for {}", OutageLog.age(at - started));
                    store.reopen();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("database watchdog: {}", e.toString());
        }
    }

    private void progressed() {
        lastProgress = System.nanoTime();
    }

    /** A batch read from the journal and classified, ready to store; empty at the end of what is durable. */
    private record Prepared(List<ReceivedReport> rows, long nextOffset, boolean older) {
    }

    /**
     * Stores batch after batch. While a full batch is being stored (more is waiting), the next one is
     * read from the journal and classified on a second thread ({@link #prepare}), so the database and
     * the classification work at the same time; the batches are still stored one at a time and in
     * journal order. After a batch that was not full the feeder lingers, then reads afresh.
     */
    private void run() {
        ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pinkeeper-database-classifier");
            t.setDaemon(true);
            return t;
        });
        try {
            feed(ahead);
        } finally {
            ahead.shutdownNow();
        }
    }

    private void feed(ExecutorService ahead) {
        Future<Prepared> next = null;
        Prepared batch = null;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (batch == null) {
                    if (next == null) {
                        next = prepareAsync(ahead, segment, offset);
                    }
                    batch = next.get();
                    next = null;
                    if (batch.rows().isEmpty()) {
                        boolean older = batch.older();
                        batch = null;
                        if (older) {
                            finishSegment();
                            continue;
                        }
                        if (!running) {
                            return;
                        }
                        if (pending == 0) {
                            progressed(); // nothing waits: nothing is stalled
                        }
                        awaitMore(journal.durable());
                        continue;
                    }
                    if (batch.rows().size() >= BATCH) { // more is waiting: classify it while this batch is stored
                        next = prepareAsync(ahead, segment, batch.nextOffset());
                    }
                }
                store(batch.rows());
                databaseDown = false;
                damaged = false;
                problem = null;
                failuresInARow = 0;
                progressed();
                outage.recovered("report store answers again: storing the reports waiting in the journal " + journal.directory());
                offset = batch.nextOffset();
                lock.lock();
                try {
                    pending -= batch.rows().size();
                } finally {
                    lock.unlock();
                }
                listener.stored(batch.rows());
                boolean full = batch.rows().size() >= BATCH;
                batch = null;
                if (!full && running) {
                    sleep(LINGER_MILLIS);
                }
            } catch (SQLException e) {
                // the reason first: a status read in between never shows the store down without saying why
                damaged = store.isDamaged(e);
                problem = firstLine(e);
                databaseDown = true;
                outage.failed(status().describe() + " (journal " + journal.directory() + ")");
                if (!running) {
                    return; // the journal keeps them for the next run
                }
                if (++failuresInARow % REOPEN_AFTER_FAILURES == 0 && !damaged) {
                    lastReopen = System.nanoTime();
                    store.reopen(); // a connection may keep what failed (a replaced file, a broken socket)
                }
                sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | IOException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                problem = "cannot read the journal " + journal.directory() + ": " + cause;
                outage.failed(problem);
                batch = null;
                next = null;
                if (!running) {
                    return;
                }
                sleep(RETRY_MILLIS);
            }
        }
    }

    private Future<Prepared> prepareAsync(ExecutorService ahead, long fromSegment, long fromOffset) {
        return ahead.submit(() -> prepare(fromSegment, fromOffset));
    }

    /** Reads the next batch of segment {@code fromSegment} from {@code fromOffset}, up to what is durable, and classifies it. */
    private Prepared prepare(long fromSegment, long fromOffset) throws IOException {
        ReportJournal.Position durable = journal.durable();
        boolean older = fromSegment < durable.segment();
        ReportJournal.Chunk chunk = journal.read(fromSegment, fromOffset, older ? Long.MAX_VALUE : durable.size(), BATCH);
        List<ReceivedReport> rows = new ArrayList<>(chunk.entries().size());
        for (JournalEntry entry : chunk.entries()) {
            rows.add(classifier.classify(entry));
        }
        return new Prepared(rows, chunk.nextOffset(), older);
    }

    /**
     * Stores the batch in one transaction. If the database refuses some row's data (not an outage),
     * stores the rows one by one instead, and each refused row as noise with the database's reason:
     * one bad report must not hold up every report journaled after it.
     *
     * @throws SQLException if the database is unavailable (the batch is retried)
     */
    private void store(List<ReceivedReport> rows) throws SQLException {
        callStarted = System.nanoTime();
        try {
            storeOrSplit(rows);
        } finally {
            callStarted = 0;
        }
    }

    private void storeOrSplit(List<ReceivedReport> rows) throws SQLException {
        try {
            store.insertIfAbsent(rows);
            return;
        } catch (SQLException e) {
            if (!store.refusesData(e)) {
                throw e;
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            ReceivedReport row = rows.get(i);
            try {
                store.insertIfAbsent(List.of(row));
            } catch (SQLException e) {
                if (!store.refusesData(e)) {
                    throw e;
                }
                String reason = "the database refused this report (" + errorCode(e) + "): " + firstLine(e);
                LOG.warn("report {} stored as noise: {}", row.id(), reason);
                ReceivedReport noise = row.unstorable(reason.length() > 500 ? reason.substring(0, 500) : reason);
                store.insertIfAbsent(List.of(noise));
                rows.set(i, noise);
            }
        }
    }

    /** {@code SQLSTATE 23505}, or the driver's error code where it gives no SQLSTATE (SQLite). */
    private static String errorCode(SQLException e) {
        return e.getSQLState() != null ? "SQLSTATE " + e.getSQLState() : "error code " + e.getErrorCode();
    }

    /** Every entry of an older segment is stored: make the database durable, then drop the segment. */
    private void finishSegment() throws SQLException, IOException {
        callStarted = System.nanoTime();
        try {
            store.sync();
        } finally {
            callStarted = 0;
        }
        journal.delete(segment);
        long next = journal.durable().segment();
        for (long s : journal.segments()) {
            if (s > segment) {
                next = s;
                break;
            }
        }
        segment = next;
        offset = 0;
    }

    private void awaitMore(ReportJournal.Position seen) {
        lock.lock();
        try {
            if (running && seen.equals(journal.durable())) {
                more.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Waits {@code millis}, or less if {@link #finish()} is called. */
    private void sleep(long millis) {
        lock.lock();
        try {
            if (running) {
                stopping.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops once everything journaled is stored, or at the first failure to store (the database is
     * down: the journal keeps the rest for the next run), waiting at most 30 s. Call after the
     * writer is closed.
     *
     * @return whether everything journaled is stored
     */
    public boolean finish() {
        running = false;
        watchdog.shutdownNow();
        lock.lock();
        try {
            more.signalAll();
            stopping.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            return false;
        }
        if (pending != 0 || databaseDown) {
            return false;
        }
        try {
            store.sync();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        finish();
    }

    /** The first line of an exception's message (Flyway's span several lines): logs stay one line per event. */
    public static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(e.toString());
    }
}
