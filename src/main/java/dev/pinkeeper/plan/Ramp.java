package dev.pinkeeper.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.pin.PkpHeader;

/**
 * The staged rollout of a pin set: report-only for {@code reportOnly}, then enforcement with
 * increasing max-age values, each step taken only after the previous one was served, without a
 * break, for its whole max-age (so every visitor who cached the shorter header saw it expire before
 * a longer one is trusted).
 *
 * @param reportOnly how long the report-only header is served before enforcement
 * @param maxAges    the enforcement max-age values, strictly increasing
 */
public record Ramp(Duration reportOnly, List<Duration> maxAges) {
    /** 7 days report-only, then 5 minutes → 1 day → 1 week → 30 days → 60 days. */
    public static final Ramp DEFAULT = new Ramp(Duration.ofDays(7), List.of(Duration.ofMinutes(5),
            Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(60)));

    public Ramp {
        maxAges = List.copyOf(maxAges);
        if (reportOnly.isNegative()) {
            throw new IllegalArgumentException("the report-only period cannot be negative");
        }
        if (reportOnly.compareTo(Durations.LONGEST) > 0 || maxAges.stream().anyMatch(m -> m.compareTo(Durations.LONGEST) > 0)) {
            throw new IllegalArgumentException("the report-only period and each max-age are at most 100 years ("
                    + Durations.LONGEST.getSeconds() + " s)");
        }
        if (maxAges.isEmpty()) {
            throw new IllegalArgumentException("a ramp has at least one max-age");
        }
        for (int i = 0; i < maxAges.size(); i++) {
            if (maxAges.get(i).getSeconds() <= 0 || (i > 0 && maxAges.get(i).compareTo(maxAges.get(i - 1)) <= 0)) {
                throw new IllegalArgumentException("ramp max-ages must be positive and increasing: " + maxAges);
            }
        }
    }

    /** The final (steady) max-age in seconds. */
    public long finalMaxAge() {
        return maxAges.get(maxAges.size() - 1).getSeconds();
    }

    /** The ideal timeline from {@code start}: report-only, then each max-age as soon as allowed. */
    public List<RampStep> timeline(Instant start) {
        List<RampStep> steps = new ArrayList<>();
        steps.add(new RampStep(start, null));
        Instant at = start.plus(reportOnly);
        for (Duration maxAge : maxAges) {
            steps.add(new RampStep(at, maxAge.getSeconds()));
            at = at.plus(maxAge);
        }
        return steps;
    }

    /**
     * The steps still ahead from {@code status}, each as early as the ramp allows: the next one at
     * {@code status.nextAt()}, each later one after its predecessor's max-age. Empty when complete;
     * the whole ramp, report-only first, when nothing is served at that moment (before the first
     * recorded header, or after serving stopped).
     */
    public List<RampStep> remaining(RampStatus status) {
        List<RampStep> steps = new ArrayList<>();
        if (status.nextAt() == null) {
            return steps;
        }
        if (status.nextMaxAge() == null) {
            return timeline(status.nextAt());
        }
        Instant at = status.nextAt();
        for (Duration maxAge : maxAges) {
            if (maxAge.getSeconds() >= status.nextMaxAge()) {
                steps.add(new RampStep(at, maxAge.getSeconds()));
                at = at.plus(maxAge);
            }
        }
        return steps;
    }

    /**
     * Where {@code timeline} stands on this ramp at {@code now} and when its next step is allowed.
     * The served header is the one of the last interval starting at or before {@code now}.
     */
    public RampStatus status(HostTimeline timeline, Instant now) {
        List<ServedPeriod> intervals = timeline.intervals();
        int last = -1;
        for (int i = 0; i < intervals.size(); i++) {
            if (!intervals.get(i).from().isAfter(now)) {
                last = i;
            }
        }
        if (last < 0 || (intervals.get(last).until() != null && !intervals.get(last).until().isAfter(now))) {
            return new RampStatus(null, false, null, now);
        }
        Long current = maxAgeOf(intervals.get(last));
        boolean reportOnlyServed = current == null && intervals.get(last).headers().stream().anyMatch(PkpHeader::reportOnly);
        if (current == null && !reportOnlyServed) {
            return new RampStatus(null, false, null, now);
        }
        int start = last;
        while (start > 0 && touching(intervals.get(start - 1), intervals.get(start))
                && sameStage(intervals.get(start - 1), current)) {
            start--;
        }
        Instant runStart = intervals.get(start).from();
        if (current == null) {
            return new RampStatus(null, true, maxAges.get(0).getSeconds(), runStart.plus(reportOnly));
        }
        Long next = null;
        for (Duration maxAge : maxAges) {
            if (maxAge.getSeconds() > current) {
                next = maxAge.getSeconds();
                break;
            }
        }
        return new RampStatus(current, false, next, next == null ? null : runStart.plusSeconds(current));
    }

    private static boolean touching(ServedPeriod before, ServedPeriod after) {
        return before.until() != null && before.until().equals(after.from());
    }

    private static boolean sameStage(ServedPeriod served, Long maxAge) {
        Long other = maxAgeOf(served);
        if (maxAge == null) {
            return other == null && served.headers().stream().anyMatch(PkpHeader::reportOnly);
        }
        return maxAge.equals(other);
    }

    private static Long maxAgeOf(ServedPeriod served) {
        PkpHeader header = served.enforcing();
        return header == null || header.maxAge() == 0 ? null : header.maxAge();
    }
}
