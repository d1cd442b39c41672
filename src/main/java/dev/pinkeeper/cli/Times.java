package dev.pinkeeper.cli;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.SiteClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses the ISO-8601 times of options such as {@code --at}. */
final class Times {
    private Times() {
    }

    /**
     * An instant written as {@code 2027-01-31T12:00:00Z}, with an offset ({@code +02:00}), without one
     * (UTC), or as a date ({@code 2027-01-31}: midnight UTC); null gives now.
     */
    static Instant parse(String option, String text) {
        return parseExact(option, text);
    }

    /**
     * The time a command that changes {@code site} records: {@code text} when given, checked against the
     * site's clock ({@link SiteClock#checkChange}: at most a few minutes after this machine's clock unless the
     * site runs on a simulated one, within the years a plan records, and with {@code asGiven}, for a change
     * recorded at exactly that time, never before the last recorded change); else now.
     */
    static Instant change(String option, String text, KeyInventory inventory, String site, boolean asGiven) {
        Instant now = Instant.now();
        if (text == null) {
            return now;
        }
        Instant at = parse(option, text);
        try {
            SiteClock.checkChange(inventory, site, at, now, asGiven);
        } catch (PlanException e) {
            throw new UsageException(option + ": " + e.getMessage(), e);
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        }
        return at;
    }

    /** {@link #parse}, which must be a time a plan records ({@link SiteClock#checkRange}). */
    static Instant inPlanRange(String option, String text) {
        Instant at = parse(option, text);
        try {
            SiteClock.checkRange(at);
        } catch (PlanException e) {
            throw new UsageException(option + ": " + e.getMessage(), e);
        }
        return at;
    }

    /** {@link #parse} cut to the whole second (the plan's history counts whole seconds). */
    static Instant seconds(String option, String text) {
        return parseExact(option, text).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static Instant parseExact(String option, String text) {
        if (text == null) {
            return Instant.now();
        }
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // try the shorter forms
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try a date
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + ": not an ISO-8601 time (e.g. 2027-01-31T12:00:00Z): " + text);
        }
    }
}
