package dev.pinkeeper.cli.options;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.plan.Durations;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.SiteClock;

/**
 * Parses the times and ages of options such as {@code --at} and {@code --since}, within bounds that
 * every later computation on them stays inside (a time from {@link Durations#EARLIEST} to
 * {@link Durations#LATEST}, an age of at most {@link Durations#LONGEST}): anything else is a usage error naming the option, never an overflow.
 */
public final class Times {
    private static final Pattern AGE = Pattern.compile("(\\d{1,18})([smhd])");

    private Times() {
    }

    /**
     * An instant written as {@code 2027-01-31T12:00:00Z}, with an offset ({@code +02:00}), without one
     * (UTC), or as a date ({@code 2027-01-31}: midnight UTC); null gives now.
     */
    public static Instant parse(String option, String text) {
        return parseExact(option, text);
    }

    /**
     * The time a command that changes {@code site} records: {@code text} when given, checked against the
     * site's clock ({@link SiteClock#checkChange}: at most a few minutes after this machine's clock unless the
     * site runs on a simulated one, within the years a plan records, and with {@code asGiven}, for a change
     * recorded at exactly that time, never before the last recorded change); else now.
     */
    public static Instant change(String option, String text, KeyInventory inventory, String site, boolean asGiven) {
        Instant now = Instant.now();
        if (text == null) {
            return now;
        }
        Instant at = parse(option, text);
        try {
            SiteClock.checkChange(inventory, site, at, now, asGiven);
        } catch (PlanException e) {
            throw usage(option + ": " + e.getMessage(), e);
        }
        return at;
    }

    /** {@link #parse}, which must be a time a plan records ({@link SiteClock#checkRange}). */
    public static Instant inPlanRange(String option, String text) {
        Instant at = parse(option, text);
        try {
            SiteClock.checkRange(at);
        } catch (PlanException e) {
            throw usage(option + ": " + e.getMessage(), e);
        }
        return at;
    }

    /** {@link #parse} cut to the whole second (the plan's history counts whole seconds). */
    public static Instant seconds(String option, String text) {
        return parseExact(option, text).truncatedTo(ChronoUnit.SECONDS);
    }

    /** An age before {@code now} ({@code 30m}, {@code 24h}, {@code 7d}, {@code 90s}) or a time as {@link #parse} reads it. */
    public static Instant ageOrTime(String option, String text, Instant now) {
        Matcher age = AGE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!age.matches()) {
            return parseExact(option, text);
        }
        long count = Long.parseLong(age.group(1));
        long unit = switch (age.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86400;
        };
        if (count > Durations.LONGEST.getSeconds() / unit) {
            throw usage(option + ": at most " + Durations.LONGEST.toDays() + " days back, not " + text);
        }
        return now.minus(Duration.ofSeconds(count * unit));
    }

    private static Instant parseExact(String option, String text) {
        if (text == null) {
            return Instant.now();
        }
        Instant parsed = parseIso(option, text.strip(), text);
        if (parsed.isBefore(Durations.EARLIEST) || parsed.isAfter(Durations.LATEST)) {
            throw usage(option + ": out of range (years 0000 to 9999): " + text);
        }
        return parsed;
    }

    /** {@code value} as an offset date-time, else a UTC local date-time, else a UTC date's midnight. */
    private static Instant parseIso(String option, String value, String text) {
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
            throw usage(option + ": not an ISO-8601 time (e.g. 2027-01-31T12:00:00Z): " + text);
        }
    }

    private static PinkeeperException usage(String message) {
        return new PinkeeperException(ErrorKind.USAGE, message);
    }

    private static PinkeeperException usage(String message, Throwable cause) {
        return new PinkeeperException(ErrorKind.USAGE, message, cause);
    }
}
