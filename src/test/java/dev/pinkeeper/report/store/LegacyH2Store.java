package dev.pinkeeper.report.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

import org.flywaydb.core.Flyway;

/** The H2 report store of a version before SQLite, made as that version made it, to import. */
public final class LegacyH2Store {
    private LegacyH2Store() {
    }

    /** Flyway V1 and V2 (the body as bytes), then {@code rows} reports. */
    /** {@code STATE/reports.mv.db} with {@code rows} reports for hosts {@code hN.h2.test}. */
    public static void create(Path stateDirectory, int rows) throws Exception {
        String url = "jdbc:h2:file:" + stateDirectory.toAbsolutePath().resolve("reports");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/reports", "classpath:db/legacy-h2")
                .table("pinkeeper_schema_history").load().migrate();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(
                "INSERT INTO reports (id, received_at, received_hour, format, hostname, port, report_class, reason, chain_pins, "
                        + "known_pins, body) VALUES (?, ?, 1, 'rfc7469', ?, ?, 'noise', 'r', '', '', ?)")) {
            for (int i = 0; i < rows; i++) {
                s.setString(1, java.util.UUID.randomUUID().toString());
                s.setObject(2, java.time.OffsetDateTime.parse("2026-05-01T10:15:00.123456Z"));
                s.setString(3, "h" + i + ".h2.test");
                if (i % 2 == 0) {
                    s.setNull(4, java.sql.Types.INTEGER);
                } else {
                    s.setInt(4, 443);
                }
                s.setBytes(5, ("{\"hostname\":\"h" + i + ".h2.test\",\"note\":\"café ☃\"}").getBytes(StandardCharsets.UTF_8));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

}
