package dev.pinkeeper.report;

import java.time.Instant;

/**
 * One step of a site's rollover timeline, e.g. "header v3 published" or "key B goes live".
 *
 * @param at   when it happened or is planned
 * @param what what happens, one line
 */
public record TimelineEvent(Instant at, String what) {
}
