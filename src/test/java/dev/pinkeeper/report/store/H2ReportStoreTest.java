package dev.pinkeeper.report.store;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The store against an embedded H2 database in a temporary directory. */
class H2ReportStoreTest extends StoreContract {
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

    @Override
    ReportStore store() {
        return store;
    }
}
