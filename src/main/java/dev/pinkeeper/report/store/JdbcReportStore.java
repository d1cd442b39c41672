package dev.pinkeeper.report.store;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportClass;

/**
 * Reports in a SQL database through JDBC: an embedded SQLite file ({@code jdbc:sqlite:FILE}, WAL mode,
 * see {@link SqlDialect#SQLITE}) or PostgreSQL ({@code jdbc:postgresql://…}). The schema is migrated by
 * Flyway on first use, so the store can be opened while the database is still down. Holds no state of
 * its own: several collectors can share one PostgreSQL database; a SQLite file has one writer (the
 * collector) and any number of readers in other processes.
 */
public final class JdbcReportStore implements ReportStore {
    private static final String COLUMNS = "id, received_at, received_hour, format, hostname, port, noted_hostname, "
            + "site, report_class, reason, header_version, leaf_subject, leaf_issuer, root_subject, chain_pins, "
            + "known_pins, app_bundle_id, body";
    private static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
    /** Insert-if-absent by id, the same statement on SQLite (3.24 and later) and PostgreSQL. */
    private static final String INSERT = "INSERT INTO reports (" + COLUMNS + ") VALUES (" + PLACEHOLDERS
            + ") ON CONFLICT (id) DO NOTHING";

    private final String jdbcUrl;
    private final SqlDialect dialect;
    private volatile HikariDataSource pool;
    /** Guarded by {@code this}, with {@link #reopen()}: the feeder and its watchdog may reopen at once. */
    private boolean closed;
    private volatile boolean migrated;

    private JdbcReportStore(String jdbcUrl, SqlDialect dialect) {
        this.jdbcUrl = jdbcUrl;
        this.dialect = dialect;
        this.pool = newPool();
    }

    /**
     * Opens a pool on {@code jdbcUrl} without connecting yet. A SQLite file that does not exist is
     * created empty first, 0600 (its folder 0700 if missing), whatever the umask: SQLite gives its
     * {@code -wal} and {@code -shm} files the mode of the database file.
     *
     * @throws IllegalArgumentException if the URL is neither SQLite nor PostgreSQL
     * @throws UncheckedIOException if the SQLite file cannot be created
     */
    public static JdbcReportStore open(String jdbcUrl) {
        SqlDialect dialect = SqlDialect.of(jdbcUrl);
        if (dialect == SqlDialect.SQLITE) {
            SqliteFile.createPrivate(jdbcUrl);
        }
        return new JdbcReportStore(jdbcUrl, dialect);
    }

    private HikariDataSource newPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("pinkeeper-reports");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setValidationTimeout(500);
        config.setInitializationFailTimeout(-1); // start even while the database is down
        dialect.configure(config);
        return new HikariDataSource(config);
    }

    private void migrate() {
        if (!migrated) {
            synchronized (this) {
                if (!migrated) {
                    Flyway.configure().dataSource(pool).locations(dialect.migrations())
                            .table("pinkeeper_schema_history").load().migrate();
                    migrated = true;
                }
            }
        }
    }

    private Connection connection() throws SQLException {
        try {
            migrate();
        } catch (RuntimeException e) {
            throw new SQLException("cannot migrate the report schema: " + e.getMessage(), e);
        }
        return pool.getConnection();
    }

    /**
     * {@inheritDoc} With PostgreSQL's batched inserts rewritten to multi-row INSERTs the count is the
     * number of rows sent (the driver does not say how many were skipped).
     */
    @Override
    public int insertIfAbsent(List<ReceivedReport> reports) throws SQLException {
        if (reports.isEmpty()) {
            return 0;
        }
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            return insertBatch(c, reports);
        }
    }

    /** Runs {@code sql} for every report in one transaction; rolls back on failure. */
    private int insertBatch(Connection c, List<ReceivedReport> reports) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (ReceivedReport r : reports) {
                bind(insert, r);
                insert.addBatch();
            }
            int added = 0;
            for (int count : insert.executeBatch()) {
                added += count == PreparedStatement.SUCCESS_NO_INFO ? 1 : count;
            }
            c.commit();
            return added;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    private void bind(PreparedStatement s, ReceivedReport r) throws SQLException {
        s.setString(1, r.id().toString());
        dialect.bindInstant(s, 2, r.receivedAt());
        s.setLong(3, r.receivedAt().getEpochSecond() / 3600);
        s.setString(4, r.format().label());
        s.setString(5, r.hostname());
        if (r.port() == null) {
            s.setNull(6, Types.INTEGER);
        } else {
            s.setInt(6, r.port());
        }
        s.setString(7, r.notedHostname());
        s.setString(8, r.site());
        s.setString(9, r.reportClass().label());
        s.setString(10, r.reason());
        s.setString(11, r.headerVersion());
        s.setString(12, r.leafSubject());
        s.setString(13, r.leafIssuer());
        s.setString(14, r.rootSubject());
        s.setString(15, r.chainPins());
        s.setString(16, r.knownPins());
        s.setString(17, r.appBundleId());
        s.setBytes(18, r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)); // stored as its UTF-8 bytes
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool will discard it
        }
    }

    @Override
    public ReportSummary summarize(ReportQuery query) throws SQLException {
        Filter filter = new Filter(query);
        try (Connection c = connection()) {
            Map<String, Long> byClass = new LinkedHashMap<>();
            for (ReportClass rc : ReportClass.values()) {
                byClass.put(rc.label(), 0L);
            }
            long total = 0;
            try (ResultSet rs = filter.run(c, "SELECT report_class, COUNT(*) FROM reports", "GROUP BY report_class", "")) {
                while (rs.next()) {
                    byClass.put(rs.getString(1), rs.getLong(2));
                    total += rs.getLong(2);
                }
            }
            List<ReportSummary.Bucket> timeline = new ArrayList<>();
            try (ResultSet rs = filter.run(c,
                    "SELECT received_hour, COALESCE(site, hostname) AS s, report_class, COUNT(*) FROM reports",
                    "GROUP BY received_hour, COALESCE(site, hostname), report_class", "ORDER BY received_hour, s, report_class")) {
                while (rs.next() && timeline.size() < 20_000) {
                    timeline.add(new ReportSummary.Bucket(Instant.ofEpochSecond(rs.getLong(1) * 3600),
                            rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
            List<ReportSummary.ChainCount> chains = new ArrayList<>();
            try (ResultSet rs = filter.run(c,
                    "SELECT chain_pins, MAX(leaf_subject), MAX(leaf_issuer), COUNT(*) AS n FROM reports",
                    "AND report_class <> 'noise' GROUP BY chain_pins", "ORDER BY n DESC, chain_pins")) {
                while (rs.next() && chains.size() < query.limit()) {
                    chains.add(new ReportSummary.ChainCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
            List<ReportSummary.IssuerCount> issuers = new ArrayList<>();
            try (ResultSet rs = filter.run(c, "SELECT leaf_issuer, COUNT(*) AS n FROM reports",
                    "AND leaf_issuer IS NOT NULL AND report_class <> 'noise' GROUP BY leaf_issuer", "ORDER BY n DESC, leaf_issuer")) {
                while (rs.next() && issuers.size() < query.limit()) {
                    issuers.add(new ReportSummary.IssuerCount(rs.getString(1), rs.getLong(2)));
                }
            }
            List<ReportSummary.VersionCount> versions = new ArrayList<>();
            try (ResultSet rs = filter.run(c, "SELECT site, header_version, COUNT(*) AS n FROM reports",
                    "AND site IS NOT NULL GROUP BY site, header_version", "ORDER BY site, n DESC")) {
                while (rs.next()) {
                    versions.add(new ReportSummary.VersionCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            List<ReportSummary.Recent> recent = new ArrayList<>();
            try (ResultSet rs = filter.run(c, "SELECT id, received_at, format, hostname, site, report_class, reason, "
                    + "header_version, leaf_subject, leaf_issuer, known_pins, app_bundle_id FROM reports", "",
                    "ORDER BY received_at DESC, id")) {
                while (rs.next() && recent.size() < query.limit()) {
                    recent.add(new ReportSummary.Recent(rs.getString(1), dialect.readInstant(rs, 2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)));
                }
            }
            return new ReportSummary(total, byClass, timeline, chains, issuers, versions, recent);
        }
    }

    /** The WHERE clause of a query, bound the same way for every statement. */
    private final class Filter {
        private final ReportQuery query;

        Filter(ReportQuery query) {
            this.query = query;
        }

        ResultSet run(Connection c, String select, String groupBy, String orderBy) throws SQLException {
            StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
            if (!query.sites().isEmpty()) {
                String marks = String.join(", ", java.util.Collections.nCopies(query.sites().size(), "?"));
                sql.append(" AND (site IN (").append(marks).append(") OR hostname IN (").append(marks).append("))");
            }
            if (query.since() != null) {
                sql.append(" AND received_at >= ?");
            }
            sql.append(' ').append(groupBy).append(' ').append(orderBy);
            PreparedStatement s = c.prepareStatement(sql.toString());
            s.closeOnCompletion();
            int i = 1;
            for (int round = 0; round < 2; round++) {
                for (String site : query.sites()) {
                    s.setString(i++, site);
                }
            }
            if (query.since() != null) {
                dialect.bindInstant(s, i, query.since());
            }
            return s.executeQuery();
        }
    }

    @Override
    public long count() throws SQLException {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM reports");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public boolean refusesData(SQLException e) {
        return dialect.refusesData(e);
    }

    @Override
    public boolean isDamaged(SQLException e) {
        return dialect.isDamaged(e);
    }

    /** {@inheritDoc} The old pool is closed (a call still running on one of its connections fails), a new one opened. */
    @Override
    public synchronized void reopen() {
        if (closed) {
            return; // a reopen racing close() must not leave a new pool open
        }
        HikariDataSource old = pool;
        pool = newPool(); // the schema stays migrated: only the connections are new
        old.close();
    }

    @Override
    public boolean isReachable() {
        try (Connection c = connection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The pool, for tests and tools that need plain SQL. */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public synchronized void close() {
        closed = true;
        pool.close();
    }
}
