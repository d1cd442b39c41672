package dev.pinkeeper.plan;

import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.pin.PinListRule;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.pin.UserAgent;

/** One host's timeline as arrays of seconds, with the enforced header of each interval. */
final class PreparedHost {
    private static final int[] NO_CHAINS = new int[0];
    final int index;
    final String host;
    final ServedPeriod[] served;
    final long[] from;
    final long[] until;
    /** The enforcing header when it is cached at all (max-age above zero), else null. */
    final PkpHeader[] headers;
    /** Number of the pin set of {@link #headers}. */
    final int[] headerIds;
    final int[][] chainIds;
    final long[] maxAge;
    final boolean[] noted;

    /** Intervals served and cached entirely before {@code after} are left out (no header, no chain). */
    PreparedHost(int index, HostTimeline timeline, long cap, Interner interned, long after) {
        this.index = index;
        host = timeline.host();
        int n = timeline.intervals().size();
        served = timeline.intervals().toArray(new ServedPeriod[0]);
        from = new long[n];
        until = new long[n];
        headers = new PkpHeader[n];
        headerIds = new int[n];
        chainIds = new int[n][];
        maxAge = new long[n];
        noted = new boolean[n];
        for (int i = 0; i < n; i++) {
            ServedPeriod s = served[i];
            from[i] = s.from().getEpochSecond();
            until[i] = s.until() == null ? Long.MAX_VALUE : s.until().getEpochSecond();
            PkpHeader header = s.enforcing();
            long cached = header == null ? 0 : Math.min(header.maxAge(), cap);
            if (until[i] <= after && LockoutSimulator.liveEnd(until[i], cached) <= after) {
                chainIds[i] = NO_CHAINS;
                continue;
            }
            List<Chain> chains = s.chains();
            chainIds[i] = new int[chains.size()];
            for (int c = 0; c < chainIds[i].length; c++) {
                chainIds[i][c] = interned.chain(chains.get(c));
            }
            if (header != null && header.maxAge() > 0) {
                headers[i] = header;
                headerIds[i] = interned.header(header);
                maxAge[i] = cached;
                // RFC 7469 §2.5 for every user agent: the simulator is the worst case, only the max-age cap
                // depends on the user agent
                for (Chain chain : s.chains()) {
                    if (PinListRule.whyNotNoted(UserAgent.RFC, header, chain.pins()) == null) {
                        noted[i] = true;
                        break;
                    }
                }
            }
        }
    }

    int size() {
        return from.length;
    }

    long liveEnd(int i) {
        return LockoutSimulator.liveEnd(until[i], maxAge[i]);
    }

    CachedHeader cached(int i) {
        return new CachedHeader(host, headers[i], served[i].from(), served[i].until(), maxAge[i],
                LockoutSimulator.instant(liveEnd(i)));
    }

    String notNotedReason(int i) {
        List<String> reasons = new ArrayList<>();
        for (Chain chain : served[i].chains()) {
            reasons.add("chain " + chain.describe() + ": "
                    + PinListRule.whyNotNoted(UserAgent.RFC, headers[i], chain.pins()));
        }
        return String.join("; ", reasons);
    }

    /** The first interval whose end is after {@code second}. */
    int firstEndingAfter(long second) {
        int low = 0;
        int high = until.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (until[mid] <= second) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
