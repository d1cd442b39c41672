package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store against a real PostgreSQL 15 server started for this test. */
class PostgresReportStoreTest {
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

    @Test
    void bodyIsStoredAsItsUtf8Bytes() throws Exception {
        StoreContract.bodyIsStoredAsItsUtf8Bytes(store);
    }

    @Test
    void insertIfAbsentKeepsOneRowPerId() throws Exception {
        StoreContract.insertIfAbsentKeepsOneRowPerId(store);
    }

    @Test
    void summaryCountsByClassIssuerVersionAndHour() throws Exception {
        StoreContract.summaryCountsByClassIssuerVersionAndHour(store);
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
}
