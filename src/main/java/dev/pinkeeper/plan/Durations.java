package dev.pinkeeper.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people read and write them: written for messages ("60 days", "5 minutes", "1 day 2
 * hours") and read, one way, from every option and setting that takes one ({@code 300}, {@code 5m},
 * {@code 2w}).
 */
public final class Durations {
    /**
     * The longest period a plan accepts (100 years: a report-only period, a max-age, a key lifetime):
     * far inside {@link Instant}'s range, so a schedule adding such periods never overflows.
     */
    public static final Duration LONGEST = Duration.ofDays(36_525);
    /** The earliest time a plan, a scenario or an option accepts. */
    public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    /**
     * The latest time a plan, a scenario or an option accepts (X.509 cannot say later): adding
     * {@link #LONGEST} to any time from {@link #EARLIEST} to here, even many times, never overflows.
     */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final Pattern WRITTEN = Pattern.compile("(\\d{1,18})([smhdw]?)");

    private Durations() {
    }

    /**
     * Reads a duration as a user writes it: seconds, or a number with a unit {@code s}, {@code m},
     * {@code h}, {@code d} or {@code w} (any case): {@code 300}, {@code 5m}, {@code 12h}, {@code 30d},
     * {@code 2w}.
     *
     * @throws IllegalArgumentException with a one-line reason naming {@code text} when it is not one
     */
    public static Duration parse(String text) {
        Matcher m = WRITTEN.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (seconds, or a number with s, m, h, d or w)");
        }
        long unit = switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3_600;
            case "d" -> 86_400;
            case "w" -> 604_800;
            default -> 1;
        };
        try {
            return Duration.ofSeconds(Math.multiplyExact(Long.parseLong(m.group(1)), unit));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
        }
    }

    /** {@code seconds} as the largest units that fit, at most two of them. */
    public static String human(long seconds) {
        long[] sizes = {365L * 86400, 86400, 3600, 60, 1};
        String[] names = {"year", "day", "hour", "minute", "second"};
        StringBuilder text = new StringBuilder();
        long rest = seconds;
        int parts = 0;
        for (int i = 0; i < sizes.length && parts < 2; i++) {
            long count = rest / sizes[i];
            if (count > 0 || (i == sizes.length - 1 && text.length() == 0)) {
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(count).append(' ').append(names[i]).append(count == 1 ? "" : "s");
                rest -= count * sizes[i];
                parts++;
            } else if (parts > 0) {
                parts++;
            }
        }
        return text.toString();
    }
}
