package dev.pinkeeper.plan.site;

import java.time.Instant;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.plan.StepVerdict;

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
public record KeyOutlook(KeyEntry key, Instant publishedSince, Instant safeFrom, StepVerdict decision) {
    /**
     * When it may be served: {@link #safeFrom}, or, while its pin is not published yet, the gate's instant
     * if it is published now; null when it is safe now.
     */
    public Instant servedFrom() {
        if (safeFrom != null) {
            return safeFrom;
        }
        return decision == null || decision.safe() ? null : decision.safeFrom();
    }

    /** One line for a current key held back ({@link PlanView#heldBack()}): what it waits for and until when. */
    public String describeWait() {
        return key.role().label() + " key " + key.id() + " is served from " + servedFrom()
                + ", once every header still cached pins it (" + (publishedSince == null
                ? "its pin is not published yet: deploy to publish it" : "published since " + publishedSince) + ")";
    }
}
