package dev.pinkeeper.cli;

import dev.pinkeeper.lifecycle.LifecycleEvent;
import dev.pinkeeper.lifecycle.LifecycleLog;
import dev.pinkeeper.ops.log.LogSeverity;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;

/**
 * Prints each {@link LifecycleEvent} as one line on stderr, from the level {@link Verbosity} sets:
 * <pre>
 * INFO 2026-12-07T03:22:54Z site=example renewed: certificate for key k2 from the primary CA, valid until …
 * ERROR 2026-12-07T03:22:57Z site=shop failed: deploy refused: …
 * </pre>
 * Level first (for {@code journalctl --grep} and log filters), then the time (ISO-8601, UTC), the site and the
 * action. Under systemd, whose journal reads a service's stderr ({@code $JOURNAL_STREAM} set), each line starts
 * with its syslog priority ({@link LogSeverity}): journald strips it and files the line at that priority
 * ({@code journalctl -p warning}).
 */
final class LogLines implements LifecycleLog {
    private final PrintStream err;
    private final LifecycleEvent.Level lowest;
    private final boolean journal;

    LogLines(PrintStream err, LifecycleEvent.Level lowest, boolean journal) {
        this.err = err;
        this.lowest = lowest;
        this.journal = journal;
    }

    /** The log of this run: stderr, at the level {@code --quiet}/{@code --verbose} chose. */
    static LogLines stderr() {
        return new LogLines(System.err, Verbosity.lowest(), LogSeverity.journal());
    }

    @Override
    public synchronized void record(LifecycleEvent event) {
        if (event.level().compareTo(lowest) < 0) {
            return;
        }
        err.println((journal ? LogSeverity.of(event.level()).priority() : "") + line(event));
        err.flush();
    }

    /** The line for {@code event}, without the syslog priority: one line, whatever the message holds. */
    static String line(LifecycleEvent event) {
        return LogSeverity.of(event.level()).name() + " " + event.time().truncatedTo(ChronoUnit.SECONDS)
                + (event.site() == null ? "" : " site=" + event.site()) + " " + event.action().label() + ": "
                + event.message().replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
