package dev.pinkeeper.rehearse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.pinkeeper.site.Folders;

/**
 * Where a rehearsal keeps its files (state, releases, logs): a folder the operator names, kept afterwards, or a
 * temporary one, deleted afterwards unless asked to keep it.
 *
 * @param path      the folder
 * @param temporary whether it is a temporary folder made for this rehearsal
 * @param keep      whether a temporary folder is kept afterwards
 */
public record RehearsalFolder(Path path, boolean temporary, boolean keep) {
    /**
     * The folder {@code dir} (created if needed), or a new temporary folder when {@code dir} is null.
     *
     * @throws IOException when the folder cannot be created
     */
    public static RehearsalFolder of(Path dir, boolean keep) throws IOException {
        return dir != null ? new RehearsalFolder(Files.createDirectories(dir), false, true)
                : new RehearsalFolder(Files.createTempDirectory("pinkeeper-rehearsal-"), true, keep);
    }

    /** Whether the folder holds an earlier rehearsal (a state directory), which a new one must not mix with. */
    public boolean holdsEarlierRehearsal() {
        return Files.exists(path.resolve("state"));
    }

    /** Whether the folder is deleted once the rehearsal is over. */
    public boolean deletedAfterwards() {
        return temporary && !keep;
    }

    /** Deletes a temporary folder not to be kept (a failure is ignored: the system cleans temporary folders). */
    public void finish() {
        if (!deletedAfterwards()) {
            return;
        }
        try {
            Folders.deleteTree(path);
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
