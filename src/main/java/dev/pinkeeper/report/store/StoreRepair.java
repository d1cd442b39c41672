package dev.pinkeeper.report.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.site.SiteLayout;

/**
 * Rebuilds a damaged embedded store: every row still readable in {@code STATE/reports.db} is copied,
 * by rowid range (the table itself, not its indexes, which are rebuilt), into a new file; a range
 * that cannot be read is split until the unreadable rows are alone, and those are counted. Then the
 * damaged file (with its {@code -wal}) is renamed aside ({@code reports-damaged-TIME.db}) and the new
 * one takes its name. The reports the journal still holds (all those not stored before the damage
 * was found: the collector deletes a journal segment only once its reports are stored) are stored
 * again when the collector starts, each once. Refused while a collector runs on the state directory.
 */
public final class StoreRepair {
    private static final long RANGE = 1024;
    private static final String COLUMNS = "id, received_at, received_hour, format, hostname, port, noted_hostname, "
            + "site, report_class, reason, header_version, leaf_subject, leaf_issuer, root_subject, chain_pins, "
            + "known_pins, app_bundle_id, body";

    /**
     * What the repair did.
     *
     * @param rowsKept       reports copied into the new store
     * @param rowsUnreadable rows of the damaged file that could not be read (lost, unless still in the journal)
     * @param damagedKeptAs  where the damaged file now is
     */
    public record Result(long rowsKept, long rowsUnreadable, Path damagedKeptAs) {
    }

    private StoreRepair() {
    }

    /**
     * Repairs the embedded store of {@code stateDirectory}.
     *
     * @throws IOException  if a collector runs on it (its journal is locked), or there is no store
     * @throws SQLException if the new store cannot be written
     */
    public static Result run(Path stateDirectory) throws IOException, SQLException {
        Path damaged = Databases.embeddedFile(stateDirectory);
        Path fresh = damaged.resolveSibling(damaged.getFileName() + ".repairing");
        boolean cutShort = !Files.exists(damaged) && Files.isRegularFile(fresh);
        if (!Files.isRegularFile(damaged) && !cutShort) {
            throw new IOException(damaged + ": no report store to repair");
        }
        try (JournalLock lock = JournalLock.acquire(SiteLayout.journal(stateDirectory))) {
            finishCutShort(stateDirectory);
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(fresh + suffix)); // an earlier repair cut short
            }
            String freshUrl = SqlDialect.SQLITE.prefix() + fresh.toAbsolutePath();
            try (JdbcReportStore created = JdbcReportStore.open(freshUrl)) {
                created.count(); // creates the schema
            }
            long[] counts = new long[2];
            try (Connection c = DriverManager.getConnection(freshUrl)) {
                copy(c, damaged, counts);
            }
            Path keptAs = AsideNames.unused(damaged.toAbsolutePath().getParent(), "reports-damaged", ".db");
            SafeFiles.moveNew(damaged, keptAs);
            // the damaged file's write-ahead log goes with it: left beside the new file, SQLite would replay it there
            Path wal = Path.of(damaged + "-wal");
            if (Files.exists(wal)) {
                SafeFiles.moveNew(wal, Path.of(keptAs + "-wal"));
            }
            Files.deleteIfExists(Path.of(damaged + "-shm"));
            SafeFiles.moveNew(fresh, damaged);
            return new Result(counts[0], counts[1], keptAs);
        }
    }

    /**
     * Finishes a repair that stopped between moving the damaged file aside and the repaired copy in: that
     * copy is complete (written and closed before the damaged file moved), so it takes the store's name.
     * Deleting it, or opening an empty store beside it, would lose the reports whose journal segments are
     * gone. Call it holding the journal's lock (a repair or a collector starting); nothing happens when no
     * repair was cut short.
     *
     * @return whether a cut-short repair was finished
     */
    public static boolean finishCutShort(Path stateDirectory) throws IOException {
        Path store = Databases.embeddedFile(stateDirectory);
        Path fresh = store.resolveSibling(store.getFileName() + ".repairing");
        if (Files.exists(store) || !Files.isRegularFile(fresh)) {
            return false;
        }
        SafeFiles.moveNew(fresh, store);
        return true;
    }

    /** Copies what can be read of {@code damaged} into the database of {@code c}; counts kept and unreadable rows. */
    private static void copy(Connection c, Path damaged, long[] counts) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE '" + damaged.toAbsolutePath().toString().replace("'", "''") + "' AS damaged");
        } catch (SQLException e) {
            return; // not even its header is readable: nothing to copy
        }
        long last = lastRowid(c);
        // each range commits by itself: a read error may roll back the transaction it happens in
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO main.reports (" + COLUMNS + ") SELECT " + COLUMNS
                + " FROM damaged.reports WHERE rowid >= ? AND rowid < ? ON CONFLICT (id) DO NOTHING")) {
            for (long from = 0; from <= last; from += RANGE) {
                copyRange(insert, from, from + RANGE, counts);
            }
        }
    }

    /** Copies rowids [from, to); a range that fails is split in two until a single unreadable row is left. */
    private static void copyRange(PreparedStatement insert, long from, long to, long[] counts) throws SQLException {
        insert.setLong(1, from);
        insert.setLong(2, to);
        try {
            counts[0] += insert.executeUpdate();
        } catch (SQLException e) {
            if (to - from == 1) {
                counts[1]++;
                return;
            }
            long middle = from + (to - from) / 2;
            copyRange(insert, from, middle, counts);
            copyRange(insert, middle, to, counts);
        }
    }

    /** The highest rowid of the damaged table, or an upper bound from its size if that cannot be read. */
    private static long lastRowid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(rowid) FROM damaged.reports")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA damaged.page_count")) {
                return rs.next() ? rs.getLong(1) * 128 : 0; // at most about this many rows fit in its pages
            }
        }
    }
}
