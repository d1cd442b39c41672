package dev.pinkeeper.report.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.ReportFormat;

/**
 * Moves the reports an earlier version kept in H2 ({@code STATE/reports.mv.db}) into the SQLite store,
 * once, when the collector starts. H2 is opened read-only, without {@code AUTO_SERVER} (no listener)
 * and without a lock file; every row is stored with insert-if-absent on its id (an import cut short by
 * a crash is simply done again, each report still once). Only when every row is in the new store is
 * the H2 file renamed aside ({@code reports-h2-imported-TIME.mv.db}, kept for the operator to delete)
 * and the lock file of H2's old TCP server ({@code reports.lock.db}, which held its key) removed.
 */
public final class H2Import {
    private static final int BATCH = 2048;

    /** What the import did: how many reports the H2 file held, and where it now is. */
    public record Result(long reports, Path keptAs) {
    }

    private H2Import() {
    }

    /** Whether {@code stateDirectory} holds an H2 store not imported yet. */
    public static boolean pending(Path stateDirectory) {
        return Files.isRegularFile(Databases.legacyH2File(stateDirectory));
    }

    /**
     * Imports the H2 store of {@code stateDirectory} into {@code target}, if there is one.
     *
     * @return what was imported, or null if there was no H2 store
     * @throws SQLException if the H2 file cannot be read or the new store cannot take its rows (the H2
     *                      file then stays where it is)
     */
    public static Result run(Path stateDirectory, ReportStore target) throws SQLException, IOException {
        Path h2 = Databases.legacyH2File(stateDirectory);
        if (!Files.isRegularFile(h2)) {
            return null;
        }
        String base = h2.toAbsolutePath().toString();
        String url = "jdbc:h2:file:" + base.substring(0, base.length() - ".mv.db".length())
                + ";ACCESS_MODE_DATA=r;FILE_LOCK=NO;IFEXISTS=TRUE;TRACE_LEVEL_FILE=0";
        long count = 0;
        try (Connection c = DriverManager.getConnection(url, "", "");
                PreparedStatement s = c.prepareStatement("SELECT id, received_at, format, hostname, port, noted_hostname, "
                        + "site, report_class, reason, header_version, leaf_subject, leaf_issuer, root_subject, chain_pins, "
                        + "known_pins, app_bundle_id, body FROM reports ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            boolean bodyIsText = rs.getMetaData().getColumnType(17) != Types.VARBINARY
                    && rs.getMetaData().getColumnType(17) != Types.BINARY && rs.getMetaData().getColumnType(17) != Types.BLOB;
            List<ReceivedReport> batch = new ArrayList<>(BATCH);
            while (rs.next()) {
                int port = rs.getInt(5);
                Integer portOrNull = rs.wasNull() ? null : port;
                String body = bodyIsText ? rs.getString(17) : new String(rs.getBytes(17), StandardCharsets.UTF_8);
                batch.add(new ReceivedReport(UUID.fromString(rs.getString(1)), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        ReportFormat.ofLabel(rs.getString(3)), rs.getString(4), portOrNull, rs.getString(6), rs.getString(7),
                        ReportClass.ofLabel(rs.getString(8)), rs.getString(9), rs.getString(10), rs.getString(11),
                        rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), body));
                if (batch.size() == BATCH) {
                    count += store(target, batch);
                }
            }
            count += store(target, batch);
        } catch (IllegalArgumentException e) {
            throw new SQLException(h2 + ": a report the new store cannot hold: " + e.getMessage(), e);
        }
        target.sync();
        Path keptAs = AsideNames.unused(h2.toAbsolutePath().getParent(), "reports-h2-imported", ".mv.db");
        SafeFiles.moveNew(h2, keptAs);
        Files.deleteIfExists(h2.resolveSibling("reports.lock.db"));
        return new Result(count, keptAs);
    }

    private static int store(ReportStore target, List<ReceivedReport> batch) throws SQLException {
        int size = batch.size();
        target.insertIfAbsent(batch);
        batch.clear();
        return size;
    }
}
