package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportClass;

/** The store against the embedded SQLite file in a temporary state directory. */
class SqliteReportStoreTest extends StoreContract {
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

    /** SQLite cannot add a CHECK to a table: a trigger refuses the row the same way (SQLITE_CONSTRAINT). */
    @Override
    void refuseHost(Statement s, String host) throws java.sql.SQLException {
        s.execute("CREATE TRIGGER contract_refuses BEFORE INSERT ON reports WHEN NEW.hostname = '" + host
                + "' BEGIN SELECT RAISE(ABORT, 'refused by the contract'); END");
    }

    @Override
    void allowAll(Statement s) throws java.sql.SQLException {
        s.execute("DROP TRIGGER contract_refuses");
    }

    /** WAL for readers in other processes, and every commit fsynced (the journal segment is deleted after it). */
    @Test
    void theStoreIsOneFileInWalModeWithEveryCommitSynced() throws Exception {
        store.count();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("2 = FULL").isEqualTo(2);
            }
        }
        assertThat(Files.getPosixFilePermissions(Databases.embeddedFile(state)))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anEarlierVersionsH2StoreIsImportedOnceAndMovedAside(@TempDir Path old) throws Exception {
        LegacyH2Store.create(old, 3000);
        Path h2 = Databases.legacyH2File(old);
        Path copy = Files.copy(h2, old.resolve("copy"));
        try (JdbcReportStore sqlite = JdbcReportStore.open(Databases.embeddedUrl(old))) {
            H2Import.Result result = H2Import.run(old, sqlite);
            assertThat(result.reports()).isEqualTo(3000);
            assertThat(h2).doesNotExist();
            assertThat(result.keptAs()).exists().hasFileName(result.keptAs().getFileName().toString());
            assertThat(result.keptAs().getFileName().toString()).startsWith("reports-h2-imported-").endsWith(".mv.db");
            assertThat(old.resolve("reports.lock.db")).doesNotExist();
            assertThat(StoredHosts.count(Databases.embeddedUrl(old), "h2.test")).hasSize(3000).allSatisfy((h, n) -> assertThat(n).isEqualTo(1));
            ReportSummary summary = sqlite.summarize(new ReportQuery("h7.h2.test", null, 10));
            assertThat(summary.recent().get(0).receivedAt()).isEqualTo(Instant.parse("2026-05-01T10:15:00.123456Z"));
            try (Connection c = sqlite.dataSource().getConnection(); ResultSet rs = c.createStatement()
                    .executeQuery("SELECT body, port FROM reports WHERE hostname = 'h1.h2.test'")) {
                assertThat(rs.next()).isTrue();
                assertThat(new String(rs.getBytes(1), StandardCharsets.UTF_8)).contains("café ☃");
                assertThat(rs.getInt(2)).isEqualTo(443);
            }

            // an import cut short (the H2 file still there, some rows already in SQLite) runs again: each report once
            Files.move(copy, h2, StandardCopyOption.REPLACE_EXISTING);
            assertThat(H2Import.run(old, sqlite).reports()).isEqualTo(3000);
            assertThat(sqlite.count()).isEqualTo(3000);
            assertThat(H2Import.run(old, sqlite)).as("nothing left to import").isNull();
        }
    }

    @Test
    void aRepairCutShortBeforeTheRepairedCopyMovedInIsFinishedNotLost(@TempDir Path dir) throws Exception {
        try (JdbcReportStore store = JdbcReportStore.open(Databases.embeddedUrl(dir))) {
            store.insertIfAbsent(List.of(report("kept.repair.test", ReportClass.NOISE, "CN=I", null, Instant.now())));
        }
        // the state a crash leaves between the two moves: the damaged file aside, the repaired copy not yet in place
        java.nio.file.Path file = Databases.embeddedFile(dir);
        java.nio.file.Files.move(file, file.resolveSibling(file.getFileName() + ".repairing"));
        StoreRepair.Result result = StoreRepair.run(dir);
        assertThat(result.rowsKept()).isEqualTo(1);
        try (JdbcReportStore store = JdbcReportStore.open(Databases.embeddedUrl(dir))) {
            assertThat(store.count()).isEqualTo(1);
        }
    }

    @Test
    void aDamagedStoreIsRebuiltFromWhatCanBeRead(@TempDir Path dir) throws Exception {
        try (JdbcReportStore damaged = JdbcReportStore.open(Databases.embeddedUrl(dir))) {
            for (int batch = 0; batch < 5; batch++) {
                List<ReceivedReport> rows = new java.util.ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    rows.add(report("r" + batch + "-" + i + ".repair.test", ReportClass.NOISE, "CN=I", null, Instant.now()));
                }
                damaged.insertIfAbsent(rows);
            }
        }
        StoreDamage.overwriteIndexPages(Databases.embeddedFile(dir));
        try (JdbcReportStore damaged = JdbcReportStore.open(Databases.embeddedUrl(dir))) {
            java.sql.SQLException error = org.assertj.core.api.Assertions.catchThrowableOfType(() -> damaged.insertIfAbsent(
                    List.of(report("after.repair.test", ReportClass.NOISE, "CN=I", null, Instant.now()))),
                    java.sql.SQLException.class);
            assertThat((Throwable) error).as("an insert into the damaged index").isNotNull();
            assertThat(damaged.isDamaged(error)).as(error.toString()).isTrue();
        }
        StoreRepair.Result result = StoreRepair.run(dir);
        assertThat(result.rowsKept()).isEqualTo(5000);
        assertThat(result.rowsUnreadable()).isZero();
        assertThat(result.damagedKeptAs()).exists();
        try (JdbcReportStore repaired = JdbcReportStore.open(Databases.embeddedUrl(dir))) {
            assertThat(repaired.insertIfAbsent(List.of(report("after.repair.test", ReportClass.NOISE, "CN=I", null,
                    Instant.now())))).isEqualTo(1);
            assertThat(repaired.count()).isEqualTo(5001);
            try (Connection c = repaired.dataSource().getConnection(); ResultSet rs = c.createStatement()
                    .executeQuery("PRAGMA integrity_check")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
        }
        assertThat(Files.getPosixFilePermissions(Databases.embeddedFile(dir)))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
}
