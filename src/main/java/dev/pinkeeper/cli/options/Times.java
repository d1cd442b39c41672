package dev.pinkeeper.cli.options;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.plan.Durations;
import dev.pinkeeper.plan.GivenTimes;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.SiteClock;

/**
 * Reads the times, dates, ages and durations of options such as {@code --at}, {@code --since} and
 * {@code --expiration} with the library's one reading ({@link GivenTimes}, {@link Durations#parse}), within
 * bounds that every later computation on them stays inside: anything else is a usage error naming the
 * option, never an overflow.
 */
public final class Times {
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
        try {
            return GivenTimes.ageOrInstant(text, now);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage(), e);
        }
    }

    /** A calendar date ({@code 2027-01-31}); null gives null. */
    public static LocalDate date(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return GivenTimes.date(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage(), e);
        }
    }

    /** A duration as {@link Durations#parse} reads it ({@code 300}, {@code 5m}, {@code 2w}). */
    public static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage(), e);
        }
    }

    private static Instant parseExact(String option, String text) {
        if (text == null) {
            return Instant.now();
        }
        try {
            return GivenTimes.instant(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage(), e);
        }
    }

    private static PinkeeperException usage(String message, Throwable cause) {
        return new PinkeeperException(ErrorKind.USAGE, message, cause);
    }
}
