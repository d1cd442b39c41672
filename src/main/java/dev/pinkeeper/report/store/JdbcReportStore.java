package dev.pinkeeper.report.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * Reports in a SQL database through JDBC: embedded H2 ({@code jdbc:h2:…}) or PostgreSQL
 * ({@code jdbc:postgresql://…}). The schema is migrated by Flyway on first use, so the store can
 * be opened while the database is still down. Holds no state of its own: several collectors can
 * share one PostgreSQL database.
 */
public final class JdbcReportStore implements ReportStore {
    private static final String COLUMNS = "id, received_at, received_hour, format, hostname, port, noted_hostname, "
            + "site, report_class, reason, header_version, leaf_subject, leaf_issuer, root_subject, chain_pins, "
            + "known_pins, app_bundle_id, body";
    private static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    /** SQLSTATE of a unique-key violation. */
    private static final String DUPLICATE_KEY = "23505";

    private final HikariDataSource pool;
    private final boolean postgres;
    private final String insertSql;
    /** H2 only: a plain INSERT, tried first (MERGE looks every id up twice); null for PostgreSQL. */
    private final String plainInsertSql;
    private volatile boolean migrated;

    private JdbcReportStore(HikariDataSource pool, boolean postgres) {
        this.pool = pool;
        this.postgres = postgres;
        this.insertSql = postgres
                ? "INSERT INTO reports (" + COLUMNS + ") VALUES (" + PLACEHOLDERS + ") ON CONFLICT (id) DO NOTHING"
                : "MERGE INTO reports (" + COLUMNS + ") KEY (id) VALUES (" + PLACEHOLDERS + ")";
        this.plainInsertSql = postgres ? null : "INSERT INTO reports (" + COLUMNS + ") VALUES (" + PLACEHOLDERS + ")";
    }

    /**
     * Opens a pool on {@code jdbcUrl} without connecting yet.
     *
     * @throws IllegalArgumentException if the URL is neither H2 nor PostgreSQL
     */
    public static JdbcReportStore open(String jdbcUrl) {
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        if (!postgres && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("unsupported database URL (jdbc:h2:… or jdbc:postgresql://…): " + jdbcUrl);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("pinkeeper-reports");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        // PostgreSQL: notice quickly that it is down (reports then wait in the journal); embedded H2 is never
        // "down", only slow to open
        config.setConnectionTimeout(postgres ? 1_500 : 10_000);
        config.setValidationTimeout(500);
        config.setInitializationFailTimeout(-1); // start even while the database is down
        if (postgres) {
            config.addDataSourceProperty("socketTimeout", "10");
            config.addDataSourceProperty("connectTimeout", "2");
            // a batch goes to the server as multi-row INSERTs: one round trip per 128 rows, not per row
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return new JdbcReportStore(new HikariDataSource(config), postgres);
    }

    private void migrate() {
        if (!migrated) {
            synchronized (this) {
                if (!migrated) {
                    // V1 is common; later versions may differ by database (V2: the body as bytes)
                    Flyway.configure().dataSource(pool)
                            .locations("classpath:db/reports", postgres ? "classpath:db/reports-postgresql" : "classpath:db/reports-h2")
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
     * {@inheritDoc} On H2 the batch is first sent as plain INSERTs (fresh reports, the usual case);
     * only if an id is already stored does the transaction roll back and run again as MERGE. On
     * PostgreSQL, with batched inserts rewritten to multi-row INSERTs, the count is the number of
     * rows sent (the driver does not say how many were skipped).
     */
    @Override
    public int insertIfAbsent(List<ReceivedReport> reports) throws SQLException {
        if (reports.isEmpty()) {
            return 0;
        }
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            if (plainInsertSql != null) {
                try {
                    return insertBatch(c, plainInsertSql, reports);
                } catch (SQLException e) {
                    if (!isDuplicateKey(e)) {
                        throw e;
                    }
                    // a replayed report that is stored already: insert-if-absent, row by row
                }
            }
            return insertBatch(c, insertSql, reports);
        }
    }

    /** Runs {@code sql} for every report in one transaction; rolls back on failure. */
    private static int insertBatch(Connection c, String sql, List<ReceivedReport> reports) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(sql)) {
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

    private static boolean isDuplicateKey(SQLException e) {
        return SqlStates.any(e, DUPLICATE_KEY::equals);
    }

    private static void bind(PreparedStatement s, ReceivedReport r) throws SQLException {
        s.setString(1, r.id().toString());
        s.setObject(2, OffsetDateTime.ofInstant(r.receivedAt(), ZoneOffset.UTC));
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
                    recent.add(new ReportSummary.Recent(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)));
                }
            }
            return new ReportSummary(total, byClass, timeline, chains, issuers, versions, recent);
        }
    }

    /** The WHERE clause of a query, bound the same way for every statement. */
    private static final class Filter {
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
                s.setObject(i, OffsetDateTime.ofInstant(query.since(), ZoneOffset.UTC));
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

    /** {@inheritDoc} H2 writes commits to the file but never fsyncs them: {@code CHECKPOINT SYNC} does. */
    @Override
    public void sync() throws SQLException {
        if (plainInsertSql == null) {
            return;
        }
        try (Connection c = connection(); java.sql.Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
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
    public void close() {
        pool.close();
    }
}
