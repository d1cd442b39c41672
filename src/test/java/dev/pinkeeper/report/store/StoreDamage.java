package dev.pinkeeper.report.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Damages a SQLite report store on purpose, as a bad disk or a stray write would: overwrites with
 * garbage every page of its indexes (the primary key's and the others), found with the {@code dbstat}
 * table, and leaves the table's own pages alone. Every insert then fails with SQLITE_CORRUPT, while
 * each row can still be read by a scan of the table.
 */
public final class StoreDamage {
    private StoreDamage() {
    }

    /** Checkpoints the store (nobody may have it open), then overwrites its index pages. */
    public static void overwriteIndexPages(Path file) throws SQLException, IOException {
        List<Long> pages = new ArrayList<>();
        int pageSize;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                rs.next();
                pageSize = rs.getInt(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT pageno FROM dbstat WHERE name IN "
                    + "('sqlite_autoindex_reports_1', 'reports_received_at', 'reports_site_class')")) {
                while (rs.next()) {
                    pages.add(rs.getLong(1));
                }
            }
        }
        if (pages.isEmpty()) {
            throw new IllegalStateException(file + ": no index pages found");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] garbage = new byte[pageSize];
            java.util.Arrays.fill(garbage, (byte) 0xA5);
            for (long page : pages) {
                channel.write(ByteBuffer.wrap(garbage), (page - 1) * pageSize);
            }
            channel.force(true);
        }
    }
}
