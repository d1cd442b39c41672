package dev.pinkeeper.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a site served (its history) and, optionally, what it plans to serve: one
 * {@link HostTimeline} per host name. A header a parent host sends with includeSubDomains also
 * binds its subdomains, so a site's apex and its subdomains belong in one schedule.
 *
 * @param hosts one timeline per host name, names unique
 */
public record Schedule(List<HostTimeline> hosts) {
    public Schedule {
        hosts = List.copyOf(hosts);
        for (int i = 0; i < hosts.size(); i++) {
            for (int j = i + 1; j < hosts.size(); j++) {
                if (hosts.get(i).host().equals(hosts.get(j).host())) {
                    throw new IllegalArgumentException("host listed twice: " + hosts.get(i).host());
                }
            }
        }
    }

    /** A schedule with no host. */
    public static Schedule empty() {
        return new Schedule(List.of());
    }

    /** The timeline of {@code host}, if it has one. */
    public Optional<HostTimeline> timeline(String host) {
        for (HostTimeline timeline : hosts) {
            if (timeline.host().equalsIgnoreCase(host)) {
                return Optional.of(timeline);
            }
        }
        return Optional.empty();
    }

    /** The host names, in order. */
    public List<String> hostNames() {
        return hosts.stream().map(HostTimeline::host).toList();
    }

    /**
     * This schedule with {@code next} served on {@code host} from {@code next.from()}: an open
     * interval of that host is ended there, intervals starting at or after it are dropped (the new
     * step replaces what was planned after it).
     */
    public Schedule then(String host, ServedPeriod next) {
        List<HostTimeline> timelines = new ArrayList<>(hosts);
        String name = new HostTimeline(host, List.of()).host();
        int index = -1;
        for (int i = 0; i < timelines.size(); i++) {
            if (timelines.get(i).host().equals(name)) {
                index = i;
            }
        }
        List<ServedPeriod> intervals = new ArrayList<>();
        if (index >= 0) {
            for (ServedPeriod served : timelines.get(index).intervals()) {
                if (!served.from().isBefore(next.from())) {
                    continue;
                }
                if (served.until() == null || served.until().isAfter(next.from())) {
                    served = served.endingAt(next.from());
                }
                intervals.add(served);
            }
        }
        intervals.add(next);
        HostTimeline timeline = new HostTimeline(name, intervals);
        if (index >= 0) {
            timelines.set(index, timeline);
        } else {
            timelines.add(timeline);
        }
        return new Schedule(timelines);
    }

    /** {@link #then(String, ServedPeriod)} on every host of {@code hostNames}. */
    public Schedule then(Collection<String> hostNames, ServedPeriod next) {
        Schedule schedule = this;
        for (String host : hostNames) {
            schedule = schedule.then(host, next);
        }
        return schedule;
    }

    /** This schedule ended at {@code end}: intervals after it dropped, open or longer ones cut there. */
    public Schedule until(Instant end) {
        List<HostTimeline> timelines = new ArrayList<>();
        for (HostTimeline timeline : hosts) {
            List<ServedPeriod> intervals = new ArrayList<>();
            for (ServedPeriod served : timeline.intervals()) {
                if (!served.from().isBefore(end)) {
                    continue;
                }
                intervals.add(served.until() == null || served.until().isAfter(end) ? served.endingAt(end) : served);
            }
            timelines.add(new HostTimeline(timeline.host(), intervals));
        }
        return new Schedule(timelines);
    }

    /** The latest instant anything in this schedule starts or ends (null when empty). */
    public Instant lastChange() {
        Instant last = null;
        for (HostTimeline timeline : hosts) {
            for (ServedPeriod served : timeline.intervals()) {
                Instant candidate = served.until() != null ? served.until() : served.from();
                if (last == null || candidate.isAfter(last)) {
                    last = candidate;
                }
            }
        }
        return last;
    }
}
