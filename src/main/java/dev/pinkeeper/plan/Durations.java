package dev.pinkeeper.plan;

/** Human-readable durations for messages ("60 days", "5 minutes", "1 day 2 hours"). */
public final class Durations {
    /**
     * The longest period a plan accepts (100 years: a report-only period, a max-age, a key lifetime):
     * far inside {@link java.time.Instant}'s range, so a schedule adding such periods never overflows.
     */
    public static final java.time.Duration LONGEST = java.time.Duration.ofDays(36_525);

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
