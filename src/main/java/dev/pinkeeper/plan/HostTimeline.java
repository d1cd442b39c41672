package dev.pinkeeper.plan;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything one host name served, in time order, without overlaps (gaps are allowed: the host
 * served nothing pinned, or nothing at all).
 *
 * @param host      a DNS name, lower case, without trailing dot
 * @param intervals the served intervals, sorted; only the last may be open
 */
public record HostTimeline(String host, List<ServedPeriod> intervals) {
    public HostTimeline {
        host = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.startsWith(".") || host.contains("..")) {
            throw new IllegalArgumentException("not a host name: " + host);
        }
        intervals = List.copyOf(intervals);
        for (int i = 1; i < intervals.size(); i++) {
            ServedPeriod previous = intervals.get(i - 1);
            ServedPeriod next = intervals.get(i);
            if (previous.until() == null || previous.until().isAfter(next.from())) {
                throw new IllegalArgumentException(host + ": the interval from " + next.from()
                        + " overlaps the one from " + previous.from());
            }
        }
    }

    /** Whether this host is a strict subdomain of {@code parent} (a header of parent with includeSubDomains applies here). */
    public boolean isSubdomainOf(String parent) {
        return isSubdomain(host, parent);
    }

    /** Whether {@code child} is a strict subdomain of {@code parent}. */
    static boolean isSubdomain(String child, String parent) {
        return child.length() > parent.length() + 1
                && child.endsWith(parent)
                && child.charAt(child.length() - parent.length() - 1) == '.';
    }
}
