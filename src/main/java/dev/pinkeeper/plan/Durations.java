package dev.pinkeeper.plan;

/** Human-readable durations for messages ("60 days", "5 minutes", "1 day 2 hours"). */
public final class Durations {
    /**
     * The longest period a plan accepts (100 years: a report-only period, a max-age, a key lifetime):
     * far inside {@link java.time.Instant}'s range, so a schedule adding such periods never overflows.
     */
    public static final java.time.Duration LONGEST = java.time.Duration.ofDays(36_525);
    /** The earliest time a plan, a scenario or an option accepts. */
    public static final java.time.Instant EARLIEST = java.time.Instant.parse("0000-01-01T00:00:00Z");
    /**
     * The latest time a plan, a scenario or an option accepts (X.509 cannot say later): adding
     * {@link #LONGEST} to any time from {@link #EARLIEST} to here, even many times, never overflows.
     */
    public static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59Z");

    private Durations() {
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
