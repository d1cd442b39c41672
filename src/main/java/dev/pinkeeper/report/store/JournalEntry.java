package dev.pinkeeper.report.store;

import java.time.Instant;
import java.util.UUID;

/**
 * One acknowledged report as the journal keeps it: the id given at receipt (the key that makes
 * storing it idempotent), when it arrived, and its body exactly as received (already validated).
 *
 * @param id         unique id given at receipt
 * @param receivedAt when the collector received it
 * @param body       the report's JSON, UTF-8, as received
 */
public record JournalEntry(UUID id, Instant receivedAt, byte[] body) {
}
