package dev.pinkeeper.report.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

import org.sqlite.SQLiteException;

import com.zaxxer.hikari.HikariConfig;

/** What differs between the databases {@link JdbcReportStore} keeps reports in. */
enum SqlDialect {
    /**
     * One SQLite file in WAL mode: one writer (the collector's feeder) and readers in any number of
     * processes ({@code pinkeeper reports}, the dashboard), no server and no listener.
     *
     * <p>Durability: {@code synchronous=FULL}, so every commit fsyncs the write-ahead log before it
     * returns. The feeder deletes a journal segment once the rows of its reports are committed; with
     * {@code NORMAL} a commit is durable only at the next checkpoint, and the feeder would have to
     * force a {@code wal_checkpoint} (which waits for readers) before each deletion. FULL costs one
     * fsync per batch of up to 2,048 reports, and makes "committed" mean "on disk" with no further
     * step ({@link ReportStore#sync()} has nothing left to do). The ids are the primary key: the insert
     * is {@code ON CONFLICT (id) DO NOTHING}, so a report replayed from the journal keeps one row.
     * Times are fixed-width UTC text ({@code 2026-05-01T10:15:00.000000000Z}), which sorts as it reads.
     */
    SQLITE("jdbc:sqlite:", "classpath:db/reports-sqlite") {
        @Override
        void configure(HikariConfig config) {
            config.setConnectionTimeout(30_000);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            // a writer waits this long for another one (a repair, a hand-run sqlite3) before failing
            config.addDataSourceProperty("busy_timeout", "5000");
            // take the write lock when a transaction begins, not at its first write (no deadlock between writers)
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        }

        @Override
        void bindInstant(PreparedStatement s, int index, Instant at) throws SQLException {
            s.setString(index, TEXT_TIME.format(at.atOffset(ZoneOffset.UTC)));
        }

        @Override
        Instant readInstant(ResultSet rs, int index) throws SQLException {
            return OffsetDateTime.parse(rs.getString(index), TEXT_TIME).toInstant();
        }

        @Override
        boolean refusesData(SQLException e) {
            return primaryCode(e, SQLITE_CONSTRAINT) || primaryCode(e, SQLITE_TOOBIG) || primaryCode(e, SQLITE_MISMATCH);
        }

        @Override
        boolean isDamaged(SQLException e) {
            return primaryCode(e, SQLITE_CORRUPT) || primaryCode(e, SQLITE_NOTADB);
        }
    },

    /** PostgreSQL: a server several collectors may share; every commit is durable by itself. */
    POSTGRESQL("jdbc:postgresql:", "classpath:db/reports", "classpath:db/reports-postgresql") {
        @Override
        void configure(HikariConfig config) {
            // notice quickly that it is down: reports then wait in the journal
            config.setConnectionTimeout(1_500);
            config.addDataSourceProperty("socketTimeout", "10");
            config.addDataSourceProperty("connectTimeout", "2");
            // a batch goes to the server as multi-row INSERTs: one round trip per 128 rows, not per row
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }

        @Override
        void bindInstant(PreparedStatement s, int index, Instant at) throws SQLException {
            s.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }

        @Override
        Instant readInstant(ResultSet rs, int index) throws SQLException {
            return rs.getObject(index, OffsetDateTime.class).toInstant();
        }

        @Override
        boolean refusesData(SQLException e) {
            return SqlStates.refusesData(e);
        }

        @Override
        boolean isDamaged(SQLException e) {
            return SqlStates.any(e, state -> state.startsWith("XX")); // internal error: data corrupted, index corrupted
        }
    };

    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_TOOBIG = 18;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_MISMATCH = 20;
    private static final int SQLITE_NOTADB = 26;

    private static final DateTimeFormatter TEXT_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendPattern("HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
            .appendOffsetId().toFormatter();

    private final String prefix;
    private final String[] migrations;

    SqlDialect(String prefix, String... migrations) {
        this.prefix = prefix;
        this.migrations = migrations;
    }

    /** The dialect of {@code jdbcUrl}. */
    static SqlDialect of(String jdbcUrl) {
        for (SqlDialect d : values()) {
            if (jdbcUrl.startsWith(d.prefix)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported database URL (jdbc:sqlite:FILE or jdbc:postgresql://…): " + jdbcUrl);
    }

    /** How its JDBC URLs begin. */
    String prefix() {
        return prefix;
    }

    /** Where its Flyway migrations are. */
    String[] migrations() {
        return migrations.clone();
    }

    /** Pool and driver settings. */
    abstract void configure(HikariConfig config);

    abstract void bindInstant(PreparedStatement s, int index, Instant at) throws SQLException;

    abstract Instant readInstant(ResultSet rs, int index) throws SQLException;

    /** Whether the database refused the data itself: sending the same rows again would fail again. */
    abstract boolean refusesData(SQLException e);

    /** Whether the database says its files are damaged: retrying cannot help, only a repair. */
    abstract boolean isDamaged(SQLException e);

    /** Whether a SQLite failure in {@code e}'s chain has this primary result code (the low 8 bits). */
    private static boolean primaryCode(SQLException e, int code) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && (sqlite.getResultCode().code & 0xff) == code) {
                return true;
            }
        }
        return false;
    }
}
