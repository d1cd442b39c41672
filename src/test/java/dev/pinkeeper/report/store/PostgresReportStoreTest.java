package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store against a real PostgreSQL 15 server started for this test. */
class PostgresReportStoreTest extends StoreContract {
    static LocalPostgres postgres;
    static JdbcReportStore store;

    @BeforeAll
    static void start() throws Exception {
        postgres = LocalPostgres.start();
        store = JdbcReportStore.open(postgres.jdbcUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    ReportStore store() {
        return store;
    }

    @Test
    void twoStoresShareOneDatabase() throws Exception {
        try (JdbcReportStore second = JdbcReportStore.open(postgres.jdbcUrl())) {
            long before = store.count();
            second.insertIfAbsent(java.util.List.of(StoreContract.report("shared.test",
                    dev.pinkeeper.report.ReportClass.NOISE, "CN=X", null, java.time.Instant.now())));
            assertThat(store.count()).isEqualTo(before + 1);
        }
    }

    /** Bodies are compressed with lz4 (Debian's PostgreSQL 15 has it), not the slower default pglz. */
    @Test
    void bodiesAreCompressedWithLz4() throws Exception {
        dev.pinkeeper.report.ReceivedReport r = StoreContract.report("lz4.test", dev.pinkeeper.report.ReportClass.NOISE,
                "CN=X", null, java.time.Instant.now());
        String body = "{\"hostname\":\"lz4.test\",\"served-certificate-chain\":[\"" + "MIIB".repeat(1000) + "\"]}";
        store.insertIfAbsent(java.util.List.of(new dev.pinkeeper.report.ReceivedReport(r.id(), r.receivedAt(), r.format(),
                r.hostname(), r.port(), r.notedHostname(), r.site(), r.reportClass(), r.reason(), r.headerVersion(),
                r.leafSubject(), r.leafIssuer(), r.rootSubject(), r.chainPins(), r.knownPins(), r.appBundleId(), body)));
        try (java.sql.Connection c = store.dataSource().getConnection();
                java.sql.PreparedStatement s = c.prepareStatement(
                        "SELECT pg_column_compression(body), body FROM reports WHERE id = ?")) {
            s.setString(1, r.id().toString());
            try (java.sql.ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("lz4");
                assertThat(new String(rs.getBytes(2), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(body);
            }
        }
    }
}
