package dev.pinkeeper.report.store;

import java.sql.SQLException;
import java.util.List;

import dev.pinkeeper.report.ReceivedReport;

/** Where reports are kept. Implementations are thread-safe. */
public interface ReportStore extends AutoCloseable {
    /**
     * Stores every report whose id is not stored yet, in one transaction; reports already
     * stored are skipped (so replaying the same report twice keeps one row).
     *
     * @return how many were new
     */
    int insertIfAbsent(List<ReceivedReport> reports) throws SQLException;

    /**
     * Whether {@code e} says the database refused the data itself (a constraint, a value it cannot
     * hold: SQLSTATE class 22, 23 or 54, or SQLite's CONSTRAINT, TOOBIG, MISMATCH), not that it is
     * unreachable or failing: sending the same rows again would fail again.
     */
    default boolean refusesData(SQLException e) {
        return SqlStates.refusesData(e);
    }

    /**
     * Whether {@code e} says the database's files are damaged (SQLite: CORRUPT, NOTADB): retrying or
     * reopening cannot help; the store must be repaired ({@link StoreRepair}).
     */
    default boolean isDamaged(SQLException e) {
        return false;
    }

    /**
     * Drops every connection and opens new ones on the next use: after failures that old connections
     * may keep (a call that never returns, a database restarted or its file replaced).
     */
    default void reopen() {
    }

    /** The summary of the reports matching {@code query}. */
    ReportSummary summarize(ReportQuery query) throws SQLException;

    /** How many reports are stored. */
    long count() throws SQLException;

    /**
     * Forces every committed report to stable storage, before the journal that also holds them is
     * deleted. A database that makes each commit durable by itself (PostgreSQL; SQLite with
     * {@code synchronous=FULL}) does nothing.
     */
    default void sync() throws SQLException {
    }

    /** Whether the database answers now. */
    boolean isReachable();

    @Override
    void close();
}
