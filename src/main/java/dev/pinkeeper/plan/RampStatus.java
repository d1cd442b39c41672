package dev.pinkeeper.plan;

import java.time.Instant;

/**
 * Where a host stands on its ramp.
 *
 * @param maxAge     the enforcing max-age served now, or null (report-only or nothing)
 * @param reportOnly whether only the report-only header is served now
 * @param nextMaxAge the next step's max-age, or null when the ramp is complete (or not started:
 *                   then the next step is to serve report-only)
 * @param nextAt     when the next step is allowed, or null when the ramp is complete
 */
public record RampStatus(Long maxAge, boolean reportOnly, Long nextMaxAge, Instant nextAt) {
    /** Whether the next step may be taken at {@code now}. */
    public boolean dueAt(Instant now) {
        return nextAt != null && !now.isBefore(nextAt);
    }

    /** Whether the final max-age is served. */
    public boolean complete() {
        return maxAge != null && nextMaxAge == null;
    }
}
