package dev.pinkeeper.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Times as a user gives them (an option, a query parameter), read one way: an ISO-8601 time with or
 * without an offset or a date, from {@link Durations#EARLIEST} to {@link Durations#LATEST}, or an age
 * before now ({@link Durations#parse}, at most {@link Durations#LONGEST}). State files keep their own
 * strict format and are read by their JSON readers.
 */
public final class GivenTimes {
    private GivenTimes() {
    }

    /**
     * An instant written as {@code 2027-01-31T12:00:00Z}, with an offset ({@code +02:00}), without one
     * (UTC), or as a date ({@code 2027-01-31}: midnight UTC).
     *
     * @throws IllegalArgumentException with a one-line reason naming {@code text} when it is not one
     */
    public static Instant instant(String text) {
        Instant parsed = iso(text.strip(), text);
        if (parsed.isBefore(Durations.EARLIEST) || parsed.isAfter(Durations.LATEST)) {
            throw new IllegalArgumentException("out of range (years 0000 to 9999): " + text);
        }
        return parsed;
    }

    /**
     * An age before {@code now} as {@link Durations#parse} reads it, with its unit ({@code 30m},
     * {@code 24h}, {@code 7d}, {@code 2w}), else a time as {@link #instant} reads it.
     *
     * @throws IllegalArgumentException with a one-line reason naming {@code text} when it is neither
     */
    public static Instant ageOrInstant(String text, Instant now) {
        String value = text.strip();
        if (value.isEmpty() || Character.isDigit(value.charAt(value.length() - 1))) {
            return instant(text); // an age names its unit: 2026 is a year, never 2026 seconds
        }
        Duration age;
        try {
            age = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            return instant(text);
        }
        if (age.compareTo(Durations.LONGEST) > 0) {
            throw new IllegalArgumentException("at most " + Durations.LONGEST.toDays() + " days back, not " + text);
        }
        return now.minus(age);
    }

    /**
     * A calendar date, {@code 2027-01-31}.
     *
     * @throws IllegalArgumentException with a one-line reason naming {@code text} when it is not one
     */
    public static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date (YYYY-MM-DD): " + text, e);
        }
    }

    /** {@code value} as an offset date-time, else a UTC local date-time, else a UTC date's midnight. */
    private static Instant iso(String value, String text) {
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
            throw new IllegalArgumentException("not an ISO-8601 time (e.g. 2027-01-31T12:00:00Z): " + text, e);
        }
    }
}
