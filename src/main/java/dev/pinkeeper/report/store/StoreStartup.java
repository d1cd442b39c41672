package dev.pinkeeper.report.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;

/**
 * Opens the collector's report store as it starts: the embedded store first finishes a repair that was cut short
 * ({@link StoreRepair#finishCutShort}) and imports the reports of an earlier version's H2 store ({@link H2Import});
 * then the schema is migrated if the database answers (otherwise reports wait in the journal until it does). Each
 * of these is one line of the collector's log.
 */
public final class StoreStartup {
    private static final Logger LOG = LoggerFactory.getLogger("dev.pinkeeper.collector");

    private StoreStartup() {
    }

    /**
     * Opens the store of {@code state}.
     *
     * @param state    the state directory (embedded store, journal)
     * @param embedded whether the store is the embedded one of {@code state} (else a database given by URL)
     * @param jdbcUrl  the store's JDBC URL (logged without its password)
     * @param open     opens the store (the embedded one is created 0600)
     * @throws PinkeeperException (usage) when the earlier version's reports cannot be imported
     */
    public static JdbcReportStore open(Path state, boolean embedded, String jdbcUrl, Supplier<JdbcReportStore> open)
            throws IOException {
        if (embedded && StoreRepair.finishCutShort(state)) {
            LOG.warn("finished a repair of {} that was cut short", Databases.embeddedFile(state));
        }
        JdbcReportStore reports = open.get();
        try {
            if (embedded) {
                importEarlier(state, reports);
            }
        } catch (SQLException e) {
            reports.close();
            throw new PinkeeperException(ErrorKind.USAGE, Databases.legacyH2File(state) + ": cannot import the reports "
                    + "of an earlier version: " + DatabaseFeeder.firstLine(e) + " (move the file aside to start with an "
                    + "empty store)");
        } catch (IOException | RuntimeException e) {
            reports.close();
            throw e;
        }
        if (!reports.isReachable()) { // also migrates the schema; reports wait in the journal until it answers
            LOG.warn("{}: database unavailable, keeping reports in the journal until it answers", Databases.redacted(jdbcUrl));
        }
        return reports;
    }

    private static void importEarlier(Path state, JdbcReportStore reports) throws SQLException, IOException {
        H2Import.Result imported = H2Import.run(state, reports);
        if (imported != null) {
            LOG.info("imported {} reports of an earlier version from {} into {}; the H2 file is kept as {} (delete it"
                    + " when no longer needed)", imported.reports(), Databases.legacyH2File(state),
                    Databases.embeddedFile(state), imported.keptAs());
        }
    }
}
