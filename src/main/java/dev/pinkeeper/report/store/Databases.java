package dev.pinkeeper.report.store;

import java.nio.file.Path;

/** Where reports are kept when nothing else is said: an embedded H2 file in the state directory. */
public final class Databases {
    /** The state directory used without {@code --state} or {@code PINKEEPER_STATE}. */
    public static final Path DEFAULT_STATE = Path.of("pinkeeper-data");
    private static final String EMBEDDED_NAME = "reports";

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

    /**
     * The JDBC URL of the embedded database in {@code stateDirectory}. H2 writes commits to its file
     * in the background (its default WRITE_DELAY) and fsyncs only on {@code CHECKPOINT SYNC}: the
     * collector's journal keeps acknowledged reports durable, and a journal segment is deleted only
     * after such a checkpoint, so a killed collector stores them again (exactly once) at its next
     * start. AUTO_SERVER lets {@code pinkeeper reports} read it while a collector runs.
     */
    public static String embeddedUrl(Path stateDirectory) {
        return "jdbc:h2:file:" + stateDirectory.toAbsolutePath().resolve(EMBEDDED_NAME) + ";AUTO_SERVER=TRUE";
    }

    /** The file of the embedded database in {@code stateDirectory} (it exists once a collector has run). */
    public static Path embeddedFile(Path stateDirectory) {
        return stateDirectory.resolve(EMBEDDED_NAME + ".mv.db");
    }
}
