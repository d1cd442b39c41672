package dev.pinkeeper.report.store;

import java.nio.file.Path;

/**
 * Where reports are kept when nothing else is said: one SQLite file, {@code reports.db}, in the state
 * directory (WAL mode: the collector writes, {@code pinkeeper reports} and the dashboard read it from
 * other processes; no server, no listener).
 */
public final class Databases {
    /** The state directory used without {@code --state} or {@code PINKEEPER_STATE}. */
    public static final Path DEFAULT_STATE = Path.of("pinkeeper-data");
    private static final String EMBEDDED_FILE = "reports.db";
    /** The H2 file that versions before SQLite kept their reports in. */
    private static final String LEGACY_H2_FILE = "reports.mv.db";

    private Databases() {
    }

    /** The state directory: {@code option} if given, else {@code PINKEEPER_STATE}, else {@link #DEFAULT_STATE}. */
    public static Path stateDirectory(Path option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("PINKEEPER_STATE");
        return env == null || env.isBlank() ? DEFAULT_STATE : Path.of(env);
    }

    /** The JDBC URL of the embedded SQLite store in {@code stateDirectory} (see {@link SqlDialect#SQLITE}). */
    public static String embeddedUrl(Path stateDirectory) {
        return SqlDialect.SQLITE.prefix() + embeddedFile(stateDirectory).toAbsolutePath();
    }

    /** The file of the embedded store in {@code stateDirectory} (it exists once a collector has run). */
    public static Path embeddedFile(Path stateDirectory) {
        return stateDirectory.resolve(EMBEDDED_FILE);
    }

    /** The H2 store an earlier version kept in {@code stateDirectory}; {@link H2Import} moves its reports over. */
    public static Path legacyH2File(Path stateDirectory) {
        return stateDirectory.resolve(LEGACY_H2_FILE);
    }

    /** {@code jdbcUrl} without the value of a password parameter (shown as {@code ***}), for logs and messages. */
    public static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
