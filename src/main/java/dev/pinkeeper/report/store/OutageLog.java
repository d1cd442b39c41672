package dev.pinkeeper.report.store;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs an outage as an operator wants to read it: one line when it begins, then at most one line
 * per period while it lasts (however often it fails meanwhile: a full disk fails thousands of times a
 * second), and one line when it ends. Thread-safe.
 */
final class OutageLog {
    /** How often a lasting outage is logged again. */
    static final Duration EVERY = Duration.ofMinutes(1);

    private final Logger log;
    private final long everyNanos;
    private final LongSupplier clock;
    private long since;
    private long lastLogged;
    private long failures;
    private boolean ongoing;
    private boolean logged;

    OutageLog(Logger log) {
        this(log, EVERY, System::nanoTime);
    }

    /** {@code clock} gives nanoseconds, as {@link System#nanoTime()}. */
    OutageLog(Logger log, Duration every, LongSupplier clock) {
        this.log = log;
        this.everyNanos = every.toNanos();
        this.clock = clock;
    }

    /** It failed again: logs {@code what} if the outage begins now, or if the last line is a period old. */
    synchronized void failed(String what) {
        long now = clock.getAsLong();
        failures++;
        if (!ongoing) {
            ongoing = true;
            since = now;
            failures = 1;
            // an outage that flaps (a small write fits, the next does not) logs its start at most once a period
            if (!logged || now - lastLogged >= everyNanos) {
                logged = true;
                lastLogged = now;
                log.warn(what);
            }
        } else if (now - lastLogged >= everyNanos) {
            lastLogged = now;
            log.warn("{} (for {}, {} failures)", what, age(now - since), failures);
        }
    }

    /** It works again: logs {@code what} once, if an outage was logged. */
    synchronized void recovered(String what) {
        if (ongoing) {
            ongoing = false;
            log.info("{} (after {}, {} failures)", what, age(clock.getAsLong() - since), failures);
        }
    }

    /** Whether an outage is going on. */
    synchronized boolean ongoing() {
        return ongoing;
    }

    /** {@code 95 s}, {@code 3 min 20 s}. */
    static String age(long nanos) {
        long seconds = Math.max(0, nanos / 1_000_000_000L);
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
