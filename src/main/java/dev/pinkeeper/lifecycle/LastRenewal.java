package dev.pinkeeper.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.KeyInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What the last {@link Renewal} run did for a site, kept in {@code renewal.json} in the site's folder so that
 * {@code pinkeeper status} can say that a renewal failed (a cron job's output is easily lost).
 *
 * @param at      the time the renewal ran at
 * @param outcome how it ended
 * @param message its one line
 */
public record LastRenewal(Instant at, SiteRenewal.Outcome outcome, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The last renewal of {@code site}, if one was recorded. */
    public static Optional<LastRenewal> read(KeyInventory inventory, String site) throws IOException {
        Path file = file(inventory, site);
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            return Optional.of(new LastRenewal(Instant.parse(root.required("at").asText()),
                    SiteRenewal.Outcome.valueOf(root.required("outcome").asText()), root.path("message").asText()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IOException(file + ": unreadable: " + e.getMessage(), e);
        }
    }

    /** Records {@code result} of a renewal at {@code at}, replacing the previous record atomically. */
    static void record(KeyInventory inventory, SiteRenewal result, Instant at) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("at", at.toString()).put("outcome", result.outcome().name())
                .put("message", result.message());
        SafeFiles.replace(file(inventory, result.site()), JSON.writeValueAsBytes(root), SafeFiles.PRIVATE_FILE);
    }

    private static Path file(KeyInventory inventory, String site) {
        return inventory.layout(site).renewalRecord();
    }

    /** Whether it failed. */
    public boolean failed() {
        return outcome == SiteRenewal.Outcome.FAILED;
    }
}
