package dev.pinkeeper.plan;

import static dev.pinkeeper.plan.TestPins.T0;
import static dev.pinkeeper.plan.TestPins.at;
import static dev.pinkeeper.plan.TestPins.pin;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;

/**
 * The analytic simulator against a literal one: small random schedules, every (first visit, later
 * visit) pair of seconds enumerated. The set of failing (host, second) must be the same, every
 * reported example pair must really fail, and the earliest safe switch must match.
 */
class BruteForceCrossCheckTest {
    private static final String[] HOSTS = {"example.com", "www.example.com", "a.www.example.com"};
    private static final String[] KEYS = {"k0", "k1", "k2", "k3", "k4"};
    private static final int HORIZON = 120;
    private static final int MAX_AGE_LIMIT = 40;

    @Test
    void analyticResultEqualsEnumerationOfEveryVisitPair() {
        Random random = new Random(7469);
        LockoutSimulator simulator = new LockoutSimulator();
        int withLockouts = 0;
        for (int round = 0; round < 400; round++) {
            Schedule schedule = randomSchedule(random);
            SimulationResult result = simulator.simulate(schedule);

            Set<String> expected = bruteForceFailures(schedule);
            Set<String> actual = new HashSet<>();
            for (Lockout lockout : result.lockouts()) {
                long end = lockout.until() == null ? 10 * HORIZON : lockout.until().getEpochSecond() - T0.getEpochSecond();
                for (long u = lockout.from().getEpochSecond() - T0.getEpochSecond(); u < end; u++) {
                    actual.add(lockout.host() + "@" + u);
                }
                assertThat(fails(schedule, lockout)).as("example pair of %s", lockout).isTrue();
            }
            assertThat(actual).as("round %d: %s", round, schedule).isEqualTo(expected);
            if (!expected.isEmpty()) {
                withLockouts++;
            }

            String host = HOSTS[random.nextInt(HOSTS.length)];
            Pin key = pin(KEYS[random.nextInt(KEYS.length)]);
            StepVerdict answer = simulator.earliestSafeSwitch(schedule, List.of(host), Chain.of(key), at(0));
            assertThat(answer.safeFrom()).as("round %d safe switch", round)
                    .isEqualTo(at(bruteForceSafeSwitch(schedule, host, key)));
        }
        assertThat(withLockouts).as("the random schedules exercise both outcomes").isBetween(20, 380);
    }

    private static Schedule randomSchedule(Random random) {
        List<HostTimeline> timelines = new ArrayList<>();
        for (String host : HOSTS) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            List<ServedPeriod> intervals = new ArrayList<>();
            long t = random.nextInt(10);
            while (t < HORIZON - 10) {
                long length = 1 + random.nextInt(30);
                List<PkpHeader> headers = new ArrayList<>();
                if (random.nextInt(4) > 0) {
                    headers.add(new PkpHeader(random.nextInt(6) == 0, (long) random.nextInt(MAX_AGE_LIMIT),
                            random.nextBoolean(), null, randomPins(random, 1 + random.nextInt(3))));
                }
                List<Chain> chains = new ArrayList<>();
                int count = 1 + (random.nextInt(4) == 0 ? 1 : 0);
                for (int c = 0; c < count; c++) {
                    chains.add(new Chain(null, randomPins(random, 1 + random.nextInt(2))));
                }
                intervals.add(new ServedPeriod(at(t), at(t + length), headers, chains));
                t += length + (random.nextInt(5) == 0 ? random.nextInt(10) : 0);
            }
            timelines.add(new HostTimeline(host, intervals));
        }
        return new Schedule(timelines);
    }

    private static List<Pin> randomPins(Random random, int count) {
        List<Pin> pins = new ArrayList<>();
        while (pins.size() < count) {
            Pin pin = pin(KEYS[random.nextInt(KEYS.length)]);
            if (!pins.contains(pin)) {
                pins.add(pin);
            }
        }
        return pins;
    }

    /** "host@second" for every second some client fails on that host. */
    private static Set<String> bruteForceFailures(Schedule schedule) {
        Set<String> failures = new HashSet<>();
        for (HostTimeline source : schedule.hosts()) {
            for (ServedPeriod first : source.intervals()) {
                for (long t = sec(first.from()); t < sec(first.until()); t++) {
                    for (HostTimeline target : schedule.hosts()) {
                        for (long u = t; u < t + MAX_AGE_LIMIT; u++) {
                            if (failsAt(source, first, t, target, u)) {
                                failures.add(target.host() + "@" + u);
                            }
                        }
                    }
                }
            }
        }
        return failures;
    }

    /** Whether a client that first visited source at t (during first) fails on target at u. */
    private static boolean failsAt(HostTimeline source, ServedPeriod first, long t, HostTimeline target, long u) {
        PkpHeader header = first.enforcing();
        if (header == null || u < t || u - t >= header.maxAge()) {
            return false;
        }
        boolean binds = source.host().equals(target.host())
                || (header.includeSubDomains() && target.host().endsWith("." + source.host()));
        boolean noted = first.chains().stream().anyMatch(c -> c.intersects(header.pins())
                && header.pins().stream().anyMatch(p -> !c.contains(p)));
        if (!binds || !noted) {
            return false;
        }
        for (ServedPeriod later : target.intervals()) {
            if (sec(later.from()) <= u && u < sec(later.until())
                    && later.chains().stream().anyMatch(c -> !c.intersects(header.pins()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean fails(Schedule schedule, Lockout lockout) {
        HostTimeline source = schedule.timeline(lockout.cause().host()).orElseThrow();
        HostTimeline target = schedule.timeline(lockout.host()).orElseThrow();
        long t = sec(lockout.exampleFirstVisit());
        for (ServedPeriod first : source.intervals()) {
            if (sec(first.from()) <= t && t < sec(first.until()) && lockout.cause().header().equals(first.enforcing())) {
                return failsAt(source, first, t, target, sec(lockout.exampleLaterVisit()));
            }
        }
        return false;
    }

    /** The first second s ≥ 0 from which serving key on host fails nobody, by enumeration. */
    private static long bruteForceSafeSwitch(Schedule schedule, String host, Pin key) {
        long safe = 0;
        for (HostTimeline source : schedule.hosts()) {
            boolean binds = source.host().equals(host) || host.endsWith("." + source.host());
            for (ServedPeriod first : source.intervals()) {
                PkpHeader header = first.enforcing();
                if (!binds || header == null || header.maxAge() == 0 || header.pins().contains(key)
                        || (!source.host().equals(host) && !header.includeSubDomains())
                        || first.chains().stream().noneMatch(c -> c.intersects(header.pins())
                        && header.pins().stream().anyMatch(p -> !c.contains(p)))) {
                    continue;
                }
                for (long t = sec(first.from()); t < sec(first.until()); t++) {
                    safe = Math.max(safe, t + header.maxAge());
                }
            }
        }
        return safe;
    }

    private static long sec(java.time.Instant instant) {
        return instant.getEpochSecond() - T0.getEpochSecond();
    }
}
