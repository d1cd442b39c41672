package dev.pinkeeper.cli;

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
