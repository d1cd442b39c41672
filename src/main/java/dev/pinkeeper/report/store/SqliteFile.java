package dev.pinkeeper.report.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.pinkeeper.files.SafeFiles;

/** The file behind a {@code jdbc:sqlite:} URL, and creating it private before SQLite does. */
final class SqliteFile {
    private SqliteFile() {
    }

    /** The file a {@code jdbc:sqlite:} URL names, or null for an in-memory database. */
    static Path of(String jdbcUrl) {
        String name = jdbcUrl.substring(SqlDialect.SQLITE.prefix().length());
        int query = name.indexOf('?');
        if (query >= 0) {
            name = name.substring(0, query);
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        return name.isEmpty() || name.equals(":memory:") ? null : Path.of(name);
    }

    /**
     * Creates the database file of {@code jdbcUrl} empty and 0600 (SQLite would create it 0644 less the
     * umask), and its missing folders 0700; an existing file is left as it is.
     */
    static void createPrivate(String jdbcUrl) {
        Path file = of(jdbcUrl);
        if (file == null || Files.exists(file)) {
            return;
        }
        try {
            Path folder = file.toAbsolutePath().getParent();
            SafeFiles.createPrivateDirectories(folder);
            SafeFiles.writeNew(file, new byte[0], SafeFiles.PRIVATE_FILE);
            SafeFiles.fsyncDirectory(folder);
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile by another process: that one made it private
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot create the report database: " + e.getMessage(), e);
        }
    }
}
