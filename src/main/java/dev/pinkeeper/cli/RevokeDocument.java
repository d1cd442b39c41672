package dev.pinkeeper.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pinkeeper.keys.InventoryJson;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.lifecycle.RevocationResult;
import dev.pinkeeper.lifecycle.RevokedCertificate;

/**
 * The JSON document of {@code pinkeeper revoke}: a {@link RevocationResult} in the shape scripts read, each key
 * as {@code keys list} shows it ({@link InventoryJson#toJson(KeyEntry)}), rendered by {@link Json}.
 */
record RevokeDocument(String status, boolean dryRun, JsonNode key, JsonNode replacement, String ca, JsonNode generated,
                      Deployment deployment, List<Certificate> certificates, Boolean lockoutFree) {
    static RevokeDocument of(RevocationResult r) {
        return new RevokeDocument(r.dryRun() ? "dry-run" : r.complete() ? "revoked" : "incomplete", r.dryRun(),
                key(r.key()), key(r.replacement()), r.ca(), key(r.generated()),
                r.deployment() == null ? null : new Deployment(r.deployment().status().name().toLowerCase(Locale.ROOT),
                        r.deployment().release(), r.deployment().message()),
                r.certificates().stream().map(Certificate::of).toList(),
                r.simulation() == null ? null : r.simulation().lockoutFree());
    }

    private static JsonNode key(KeyEntry key) {
        return key == null ? null : InventoryJson.toJson(key);
    }

    /** The replacement's deployment. */
    record Deployment(String status, String release, String message) {
    }

    /** A certificate of the key and what its CA answered. */
    record Certificate(String serial, Instant notAfter, String ca, Path file, String status, String message) {
        static Certificate of(RevokedCertificate c) {
            return new Certificate(c.serial(), c.notAfter(), c.ca(), c.file(), StatusDocument.label(c.status()), c.message());
        }
    }
}
