package dev.pinkeeper.report.store;

import java.sql.SQLException;
import java.util.List;

import dev.pinkeeper.report.ReceivedReport;

/** A store whose database can be switched off, as if it were down. */
final class SwitchableStore implements ReportStore {
    private final ReportStore real;
    volatile boolean down;

    SwitchableStore(ReportStore real) {
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
        return real.insertIfAbsent(reports);
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
