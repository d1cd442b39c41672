package dev.pinkeeper.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;

import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.JournalLock;
import dev.pinkeeper.report.store.StoreRepair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pinkeeper reports repair}: rebuild a damaged embedded report store. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        header = "Rebuild a damaged embedded report store without losing an acknowledged report.",
        description = {"Rebuild a damaged embedded report store (reports.db): copy every readable report into a new file,",
                "keep the damaged one aside as reports-damaged-TIME.db. Stop the collector first; at its next start it",
                "stores again every report its journal still holds (each once)."})
final class ReportsRepairCommand implements Callable<Integer> {
    @Mixin
    ReportStoreOptions store;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        if (store.db != null) {
            throw new UsageException("--db: repair rebuilds the embedded store; a PostgreSQL database is repaired with its own tools");
        }
        Path state = store.stateDirectory();
        StoreRepair.Result result;
        try {
            result = StoreRepair.run(state);
        } catch (JournalLock.InUseException e) {
            throw new UsageException(e.getMessage() + ": stop it first");
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        } catch (SQLException e) {
            throw new UsageException(Databases.embeddedFile(state) + ": cannot write the repaired store: " + e.getMessage());
        }
        if (jsonOption.json()) {
            Json.print(new Document(Databases.embeddedFile(state), result.rowsKept(), result.rowsUnreadable(),
                    String.valueOf(result.damagedKeptAs())));
            return ExitCode.OK;
        }
        System.out.println("repaired " + Databases.embeddedFile(state) + ": " + result.rowsKept() + " reports kept, "
                + result.rowsUnreadable() + " unreadable rows lost (those still in the journal are stored again at the "
                + "collector's next start); the damaged file is kept as " + result.damagedKeptAs());
        return ExitCode.OK;
    }

    /** The JSON document: {@code {"file":…,"kept":N,"unreadable":N,"damagedKeptAs":…}}. */
    record Document(Path file, long kept, long unreadable, String damagedKeptAs) {
    }
}
