package dev.pinkeeper.cli;

import java.nio.file.Path;

import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.JdbcReportStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that say where reports are kept: {@code --db URL} or {@code --state DIR}. */
final class ReportStoreOptions {
    @Option(names = "--db", paramLabel = "URL",
            description = "JDBC URL of the report database (jdbc:postgresql://… in production); "
                    + "default: the embedded SQLite file reports.db in the state directory.")
    String db;

    @Mixin
    StateOption stateOption;

    /** The state directory (embedded database, report journal), as every command resolves {@code --state}. */
    Path stateDirectory() {
        return stateOption.directory().root();
    }

    String jdbcUrl() {
        return db != null ? db : Databases.embeddedUrl(stateDirectory());
    }

    JdbcReportStore open() {
        try {
            return JdbcReportStore.open(jdbcUrl());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--db: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UsageException(jdbcUrl() + ": " + e.getMessage());
        }
    }
}
