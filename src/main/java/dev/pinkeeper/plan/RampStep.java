package dev.pinkeeper.plan;

import java.time.Instant;

/**
 * One step of a ramp's timeline.
 *
 * @param at     when the step starts
 * @param maxAge the enforcing max-age in seconds, or null for the report-only stage
 */
public record RampStep(Instant at, Long maxAge) {
}
