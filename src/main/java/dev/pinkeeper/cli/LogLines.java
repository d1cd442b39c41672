package dev.pinkeeper.cli;

import dev.pinkeeper.lifecycle.LifecycleEvent;
import dev.pinkeeper.lifecycle.LifecycleLog;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Prints each {@link LifecycleEvent} as one line on stderr, from the level {@link Verbosity} sets:
 * <pre>
 * INFO 2026-12-07T03:22:54Z site=example renewed: certificate for key k2 from the primary CA, valid until …
 * ERROR 2026-12-07T03:22:57Z site=shop failed: deploy refused: …
 * </pre>
 * Level first (for {@code journalctl --grep} and log filters), then the time (ISO-8601, UTC), the site and the
 * action. Under systemd, whose journal reads a service's stderr ({@code $JOURNAL_STREAM} set), each line starts
 * with its syslog priority ({@code <3>} error, {@code <4>} warning, {@code <6>} info, {@code <7>} debug): journald
 * strips it and files the line at that priority ({@code journalctl -p warning}).
 */
final class LogLines implements LifecycleLog {
    private static final Map<LifecycleEvent.Level, String> PRIORITY = Map.of(LifecycleEvent.Level.ERROR, "<3>",
            LifecycleEvent.Level.WARNING, "<4>", LifecycleEvent.Level.INFO, "<6>", LifecycleEvent.Level.DEBUG, "<7>");

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
        return new LogLines(System.err, Verbosity.lowest(), System.getenv("JOURNAL_STREAM") != null);
    }

    @Override
    public synchronized void record(LifecycleEvent event) {
        if (event.level().compareTo(lowest) < 0) {
            return;
        }
        err.println((journal ? PRIORITY.get(event.level()) : "") + line(event));
        err.flush();
    }

    /** The line for {@code event}, without the syslog priority: one line, whatever the message holds. */
    static String line(LifecycleEvent event) {
        String level = event.level() == LifecycleEvent.Level.WARNING ? "WARN" : event.level().name();
        return level + " " + event.time().truncatedTo(ChronoUnit.SECONDS)
                + (event.site() == null ? "" : " site=" + event.site()) + " " + event.action().label() + ": "
                + event.message().replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
