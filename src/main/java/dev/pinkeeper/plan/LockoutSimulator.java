package dev.pinkeeper.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.pin.UserAgent;

/**
 * Finds every returning visitor a {@link Schedule} locks out, exactly and without sampling.
 *
 * <p>The model: a client visits any host at any second. If it gets a chain that lets it note the
 * enforcing header (RFC 7469 §2.5), it caches that header for its max-age; report-only headers are
 * never enforced and {@code max-age=0} caches nothing. A header of a parent host with
 * includeSubDomains also binds its subdomains. When the client comes back to a host while a cached
 * header is alive and gets a chain with none of that header's pins, it is locked out (§2.6).
 *
 * <p>A client needs only one cached header to fail, so a failing (first visit, later visit) pair
 * exists exactly when some header noted on a host (or a parent, with includeSubDomains) during an
 * interval {@code [from, until)} is alive at a second {@code u} — that is,
 * {@code from <= u < until - 1 + max-age} — at which the host serves a chain without any of its
 * pins. The simulator intersects these live windows with the served intervals, so its cost depends on
 * the number of intervals, not on the length of time, and it reports failure windows rather than
 * individual pairs. An empty result is a proof that no client is locked out.
 */
public final class LockoutSimulator {
    /** The longest max-age Chromium and Firefox honoured (60 days). */
    public static final long BROWSER_MAX_AGE_CAP = 60L * 86400;

    private final long maxAgeCap;

    /** A simulator honouring max-age as written (RFC 7469 sets no cap): the worst case. */
    public LockoutSimulator() {
        this(Long.MAX_VALUE);
    }

    private LockoutSimulator(long maxAgeCap) {
        this.maxAgeCap = maxAgeCap;
    }

    /** A simulator capping max-age as that user agent did ({@link UserAgent#RFC}: no cap). */
    public static LockoutSimulator forUserAgent(UserAgent userAgent) {
        return userAgent == UserAgent.RFC ? new LockoutSimulator() : new LockoutSimulator(BROWSER_MAX_AGE_CAP);
    }

    /** Every failure window of {@code schedule}, and the headers no client notes. */
    public SimulationResult simulate(Schedule schedule) {
        return simulate(schedule, Long.MIN_VALUE);
    }

    /**
     * The failure windows of {@code schedule} from {@code from} on (windows are clipped there), and
     * the headers no client notes that are served from then on: what a new step starting at
     * {@code from} can still change. Faster than a full simulation on a long history.
     */
    public SimulationResult simulate(Schedule schedule, Instant from) {
        return simulate(schedule, from.getEpochSecond());
    }

    private SimulationResult simulate(Schedule schedule, long after) {
        Interner interned = new Interner();
        List<PreparedHost> prepared = prepare(schedule, interned, after);
        Map<FailureKey, List<Window>> raw = new java.util.LinkedHashMap<>();
        List<IgnoredHeader> ignored = new ArrayList<>();
        int checked = 0;
        for (PreparedHost source : prepared) {
            for (int i = 0; i < source.size(); i++) {
                PkpHeader header = source.headers[i];
                if (header == null || source.liveEnd(i) <= after) {
                    continue;
                }
                if (!source.noted[i]) {
                    ignored.add(new IgnoredHeader(source.host, header, source.served[i].from(),
                            source.served[i].until(), source.notNotedReason(i)));
                    continue;
                }
                checked++;
                for (PreparedHost target : prepared) {
                    if (target == source
                            || (header.includeSubDomains() && HostTimeline.isSubdomain(target.host, source.host))) {
                        collect(source, i, target, after, interned, raw);
                    }
                }
            }
        }
        List<Lockout> lockouts = new ArrayList<>();
        for (Map.Entry<FailureKey, List<Window>> entry : raw.entrySet()) {
            lockouts.addAll(merge(prepared.get(entry.getKey().target()), entry.getValue()));
        }
        lockouts.sort(Comparator.comparing(Lockout::host).thenComparing(Lockout::from));
        return new SimulationResult(lockouts, ignored, checked);
    }

    /**
     * When serving {@code chain} on {@code hosts} stops locking anyone out, given what was served so
     * far: the end of the last cache entry of every noted header (of those hosts, or of a parent with
     * includeSubDomains) that pins nothing of {@code chain}, and never while such a header is still
     * served.
     *
     * @param notBefore the answer is never earlier than this (typically now); headers whose last cache
     *                  entry expired by then are not blockers
     * @return the verdict at {@code notBefore}: its {@link StepVerdict#safeFrom} is null while such a header
     *         is still served, and its pin counts as published when none is
     */
    public StepVerdict earliestSafeSwitch(Schedule history, Collection<String> hosts, Chain chain, Instant notBefore) {
        List<PreparedHost> prepared = prepare(history, new Interner(), notBefore.getEpochSecond());
        List<CachedHeader> blockers = new ArrayList<>();
        long safeFrom = notBefore.getEpochSecond();
        boolean never = false;
        for (String name : hosts) {
            String host = new HostTimeline(name, List.of()).host();
            for (PreparedHost source : prepared) {
                boolean self = source.host.equals(host);
                if (!self && !HostTimeline.isSubdomain(host, source.host)) {
                    continue;
                }
                for (int i = 0; i < source.size(); i++) {
                    PkpHeader header = source.headers[i];
                    if (header == null || !source.noted[i] || (!self && !header.includeSubDomains())
                            || chain.intersects(header.pins())) {
                        continue;
                    }
                    CachedHeader blocker = source.cached(i);
                    if (!blockers.contains(blocker)) {
                        blockers.add(blocker);
                    }
                    long liveEnd = source.liveEnd(i);
                    if (liveEnd == Long.MAX_VALUE) {
                        never = true;
                    } else {
                        safeFrom = Math.max(safeFrom, liveEnd);
                    }
                }
            }
        }
        Instant from = never ? null : Instant.ofEpochSecond(safeFrom);
        String message = "serving chain " + chain.describe() + (never
                ? " is never safe while a header that pins nothing of it is still served: publish its pin first"
                : " is safe from " + from);
        return new StepVerdict(notBefore, from, !never, blockers, List.of(), message);
    }

    private static void collect(PreparedHost source, int i, PreparedHost target, long after, Interner interned,
                                Map<FailureKey, List<Window>> raw) {
        long liveStart = Math.max(source.from[i], after);
        long liveEnd = source.liveEnd(i);
        int header = source.headerIds[i];
        for (int j = target.firstEndingAfter(liveStart); j < target.size() && target.from[j] < liveEnd; j++) {
            long start = Math.max(liveStart, target.from[j]);
            long end = Math.min(liveEnd, target.until[j]);
            if (start >= end) {
                continue;
            }
            int[] chains = target.chainIds[j];
            for (int c = 0; c < chains.length; c++) {
                if (!interned.admits(header, chains[c])) {
                    FailureKey key = new FailureKey(target.index, source.index, interned.fullHeader(source.headers[i]), chains[c]);
                    List<Window> windows = raw.get(key);
                    if (windows == null) {
                        windows = new ArrayList<>(2);
                        raw.put(key, windows);
                        windows.add(new Window(source, i, target.served[j].chains().get(c), start, end));
                    } else if (!windows.get(windows.size() - 1).extend(source.from[i], source.until[i], start, end)) {
                        windows.add(new Window(source, i, target.served[j].chains().get(c), start, end));
                    }
                }
            }
        }
    }

    private static List<Lockout> merge(PreparedHost target, List<Window> windows) {
        windows.sort(Comparator.comparingLong(w -> w.failFrom));
        List<Window> merged = new ArrayList<>();
        for (Window window : windows) {
            Window last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last == null || !last.extend(window.notedFrom, window.notedUntil, window.failFrom, window.failUntil)) {
                merged.add(window);
            }
        }
        List<Lockout> lockouts = new ArrayList<>();
        for (Window window : merged) {
            PreparedHost source = window.source;
            long maxAge = source.maxAge[window.index];
            CachedHeader cause = new CachedHeader(source.host, source.headers[window.index], instant(window.notedFrom),
                    instant(window.notedUntil), maxAge, instant(liveEnd(window.notedUntil, maxAge)));
            long later = window.failFrom;
            long first = Math.max(window.notedFrom, later - maxAge + 1);
            lockouts.add(new Lockout(target.host, window.chain, cause, instant(window.failFrom),
                    instant(window.failUntil), instant(first), instant(later)));
        }
        return lockouts;
    }

    private List<PreparedHost> prepare(Schedule schedule, Interner interned, long after) {
        List<PreparedHost> prepared = new ArrayList<>(schedule.hosts().size());
        for (HostTimeline timeline : schedule.hosts()) {
            prepared.add(new PreparedHost(prepared.size(), timeline, maxAgeCap, interned, after));
        }
        return prepared;
    }

    static long liveEnd(long until, long maxAge) {
        if (until == Long.MAX_VALUE || maxAge >= Long.MAX_VALUE - until) {
            return Long.MAX_VALUE;
        }
        return until - 1 + maxAge;
    }

    /** The instant of {@code seconds}, or null (never) at and beyond the last instant Java can represent. */
    static Instant instant(long seconds) {
        return seconds >= Instant.MAX.getEpochSecond() ? null : Instant.ofEpochSecond(seconds);
    }

    /** Failures are grouped by target host, source host, header and chain (all as numbers). */
    private record FailureKey(int target, int source, int header, int chain) {
    }

    /** One failure window: later visits {@code [failFrom, failUntil)} of clients who noted during {@code [notedFrom, notedUntil)}. */
    private static final class Window {
        final PreparedHost source;
        final int index;
        final Chain chain;
        long notedFrom;
        long notedUntil;
        final long failFrom;
        long failUntil;

        Window(PreparedHost source, int index, Chain chain, long failFrom, long failUntil) {
            this.source = source;
            this.index = index;
            this.chain = chain;
            this.notedFrom = source.from[index];
            this.notedUntil = source.until[index];
            this.failFrom = failFrom;
            this.failUntil = failUntil;
        }

        /** Absorbs a window that touches this one in both noting and failing time; false when it does not. */
        boolean extend(long otherNotedFrom, long otherNotedUntil, long otherFailFrom, long otherFailUntil) {
            if (otherFailFrom < failFrom || otherFailFrom > failUntil
                    || otherNotedFrom > notedUntil || notedFrom > otherNotedUntil) {
                return false;
            }
            notedFrom = Math.min(notedFrom, otherNotedFrom);
            notedUntil = Math.max(notedUntil, otherNotedUntil);
            failUntil = Math.max(failUntil, otherFailUntil);
            return true;
        }
    }
}
