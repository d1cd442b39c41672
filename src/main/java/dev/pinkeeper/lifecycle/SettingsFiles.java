package dev.pinkeeper.lifecycle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pinkeeper.files.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes a site's JSON settings files; a write replaces the file atomically. */
final class SettingsFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(InstantJson.module());

    private SettingsFiles() {
    }

    /** The settings in {@code file}, or {@code empty} when it does not exist. */
    static <T> T read(Path file, Class<T> type, T empty) throws IOException {
        if (!Files.exists(file)) {
            return empty;
        }
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": unreadable settings: " + e.getMessage(), e);
        }
    }

    /** Writes {@code value} to {@code file} (0600: a new file renamed over the old one). */
    static void write(Path file, Object value) throws IOException {
        SafeFiles.privateDirectory(file.getParent());
        SafeFiles.replace(file, JSON.writeValueAsBytes(value), SafeFiles.PRIVATE_FILE);
    }
}
