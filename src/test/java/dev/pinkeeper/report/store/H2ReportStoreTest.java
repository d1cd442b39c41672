package dev.pinkeeper.report.store;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2ReportStoreTest {
    @TempDir
    static Path state;
    static JdbcReportStore store;

    @BeforeAll
    static void open() {
        store = JdbcReportStore.open(Databases.embeddedUrl(state));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void insertIfAbsentKeepsOneRowPerId() throws Exception {
        StoreContract.insertIfAbsentKeepsOneRowPerId(store);
    }

    @Test
    void summaryCountsByClassIssuerVersionAndHour() throws Exception {
        StoreContract.summaryCountsByClassIssuerVersionAndHour(store);
    }
}
