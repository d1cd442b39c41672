package dev.pinkeeper.report.store;

import java.sql.SQLException;
import java.util.List;

import dev.pinkeeper.report.ReceivedReport;

/**
 * A store whose database can be switched off, as if it were down, or made to hang: an insert then
 * waits until the store is reopened (as closing a pool ends the calls on its connections), and fails.
 */
public final class SwitchableStore implements ReportStore {
    private final ReportStore real;
    public volatile boolean down;
    public volatile boolean hang;
    private final java.util.concurrent.atomic.AtomicInteger reopened = new java.util.concurrent.atomic.AtomicInteger();

    public SwitchableStore(ReportStore real) {
        this.real = real;
    }

    private void check() throws SQLException {
        if (down) {
            throw new SQLException("connection refused (switched off by the test)");
        }
    }

    @Override
    public int insertIfAbsent(List<ReceivedReport> reports) throws SQLException {
        check();
        int seen = reopened.get();
        while (hang) {
            if (reopened.get() != seen) {
                hang = false;
                throw new SQLException("connection closed: the store was reopened");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted");
            }
        }
        return real.insertIfAbsent(reports);
    }

    @Override
    public void reopen() {
        reopened.incrementAndGet();
        real.reopen();
    }

    @Override
    public boolean refusesData(SQLException e) {
        return real.refusesData(e);
    }

    @Override
    public boolean isDamaged(SQLException e) {
        return real.isDamaged(e);
    }

    /** How often the store was reopened. */
    public int reopened() {
        return reopened.get();
    }

    @Override
    public ReportSummary summarize(ReportQuery query) throws SQLException {
        check();
        return real.summarize(query);
    }

    @Override
    public long count() throws SQLException {
        return real.count();
    }

    @Override
    public void sync() throws SQLException {
        check();
        real.sync();
    }

    @Override
    public boolean isReachable() {
        return !down && real.isReachable();
    }

    @Override
    public void close() {
        real.close();
    }
}
