package dev.pinkeeper.plan.site;

import java.time.Instant;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.plan.GateDecision;

/**
 * One pinned key as {@code plan show} reports it.
 *
 * @param key            the inventory entry
 * @param publishedSince since when every served header carried its pin (from the history), or null
 * @param safeFrom       when it may safely become current (a next key, or a current key not served
 *                       yet: planned rollover; a backup: emergency), or null (a served current key,
 *                       or its pin is not published yet)
 * @param decision       the gate's answer for serving it now, or null for a served current key
 */
public record KeyOutlook(KeyEntry key, Instant publishedSince, Instant safeFrom, GateDecision decision) {
}
