package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.flywaydb.core.Flyway;

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

    @Test
    void bodiesStoredAsTextBeforeVersion2KeepTheirTextAsBytes(@TempDir Path old) throws Exception {
        String url = Databases.embeddedUrl(old);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/reports")
                .table("pinkeeper_schema_history").target("1").load().migrate();
        String body = "{\"hostname\":\"v1.test\",\"note\":\"café ☃\"}";
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(
                "INSERT INTO reports (id, received_at, received_hour, format, hostname, report_class, reason, chain_pins, "
                        + "known_pins, body) VALUES ('00000000-0000-0000-0000-000000000001', CURRENT_TIMESTAMP, 1, 'rfc7469', "
                        + "'v1.test', 'noise', 'r', '', '', ?)")) {
            s.setString(1, body);
            s.executeUpdate();
        }
        try (JdbcReportStore migrated = JdbcReportStore.open(url)) {
            assertThat(migrated.count()).isEqualTo(1);
            try (Connection c = migrated.dataSource().getConnection();
                    ResultSet rs = c.createStatement().executeQuery("SELECT body FROM reports")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
