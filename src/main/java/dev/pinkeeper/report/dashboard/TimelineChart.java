package dev.pinkeeper.report.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.store.ReportSummary;

/**
 * Draws reports over time as an inline SVG bar chart, bars stacked by class: one bar per hour,
 * or per day when the data spans more than a week.
 */
final class TimelineChart {
    static final Map<ReportClass, String> COLORS = Map.of(
            ReportClass.ROLLOVER_MISTAKE, "#d62728",
            ReportClass.UNEXPECTED_CHAIN, "#ff7f0e",
            ReportClass.INTERCEPTION, "#9467bd",
            ReportClass.NOISE, "#9e9e9e");
    private static final int WIDTH = 720;
    private static final int HEIGHT = 160;
    private static final int LEFT = 40;
    private static final int BOTTOM = 20;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private TimelineChart() {
    }

    /** The SVG for the buckets of one site (already filtered); {@code title} is escaped here. */
    static String svg(String title, List<ReportSummary.Bucket> buckets) {
        long slotSeconds = 3600;
        if (!buckets.isEmpty()) {
            long span = buckets.get(buckets.size() - 1).hour().getEpochSecond() - buckets.get(0).hour().getEpochSecond();
            if (span > 7 * 24 * 3600) {
                slotSeconds = 24 * 3600;
            }
        }
        TreeMap<Long, long[]> slots = new TreeMap<>();
        for (ReportSummary.Bucket b : buckets) {
            long slot = Math.floorDiv(b.hour().getEpochSecond(), slotSeconds);
            long[] counts = slots.computeIfAbsent(slot, s -> new long[ReportClass.values().length]);
            counts[ReportClass.ofLabel(b.reportClass()).ordinal()] += b.count();
        }
        if (!slots.isEmpty()) { // empty slots between the first and last one, so time is linear
            for (long s = slots.firstKey(); s <= slots.lastKey(); s++) {
                slots.putIfAbsent(s, new long[ReportClass.values().length]);
            }
        }
        long max = 1;
        for (long[] counts : slots.values()) {
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            max = Math.max(max, sum);
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT + BOTTOM)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT + BOTTOM)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>").append(Html.escape(title)).append("</title>");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT).append("\" x2=\"").append(WIDTH)
                .append("\" y2=\"").append(HEIGHT).append("\" stroke=\"#444\"/>");
        svg.append("<text x=\"2\" y=\"12\" font-size=\"10\">").append(max).append("</text>");
        svg.append("<text x=\"2\" y=\"").append(HEIGHT).append("\" font-size=\"10\">0</text>");
        int n = Math.max(1, slots.size());
        double slotWidth = Math.min(48, (WIDTH - LEFT) / (double) n);
        int i = 0;
        for (Map.Entry<Long, long[]> slot : slots.entrySet()) {
            double x = LEFT + i * slotWidth;
            double y = HEIGHT;
            for (ReportClass rc : ReportClass.values()) {
                long count = slot.getValue()[rc.ordinal()];
                if (count == 0) {
                    continue;
                }
                double h = count * (HEIGHT - 10) / (double) max;
                y -= h;
                svg.append(String.format(java.util.Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>",
                        x + 1, y, Math.max(1, slotWidth - 2), h, COLORS.get(rc),
                        LABEL.format(Instant.ofEpochSecond(slot.getKey() * slotSeconds)), rc.label(), count));
            }
            i++;
        }
        if (!slots.isEmpty()) {
            svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT + 14).append("\" font-size=\"10\">")
                    .append(LABEL.format(Instant.ofEpochSecond(slots.firstKey() * slotSeconds))).append("</text>");
            svg.append("<text x=\"").append(Math.round(LEFT + n * slotWidth)).append("\" y=\"").append(HEIGHT + 14)
                    .append("\" font-size=\"10\" text-anchor=\"end\">")
                    .append(LABEL.format(Instant.ofEpochSecond(slots.lastKey() * slotSeconds)))
                    .append(slotSeconds == 3600 ? " (hourly, UTC)" : " (daily, UTC)").append("</text>");
        }
        svg.append("</svg>");
        return svg.toString();
    }
}
