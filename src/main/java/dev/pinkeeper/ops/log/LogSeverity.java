package dev.pinkeeper.ops.log;

import dev.pinkeeper.lifecycle.LifecycleEvent;
import org.slf4j.event.Level;

/**
 * The severity a log line of pinkeeper starts with, whoever writes it (the lifecycle log, the slf4j loggers):
 * its word ({@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG}), and the syslog priority journald reads
 * at the start of a line from a systemd service ({@code <3>}, {@code <4>}, {@code <6>}, {@code <7>}), strips
 * and files the line under ({@code journalctl -p warning}).
 */
public enum LogSeverity {
    /** a failure */
    ERROR(3),
    /** something the operator should look at */
    WARN(4),
    /** an action done, or nothing to do */
    INFO(6),
    /** a step inside an action */
    DEBUG(7);

    private final int priority;

    LogSeverity(int priority) {
        this.priority = priority;
    }

    /** The severity of an slf4j level (trace is written as debug). */
    public static LogSeverity of(Level level) {
        return switch (level) {
            case ERROR -> ERROR;
            case WARN -> WARN;
            case INFO -> INFO;
            case DEBUG, TRACE -> DEBUG;
        };
    }

    /** The severity of a lifecycle event's level. */
    public static LogSeverity of(LifecycleEvent.Level level) {
        return switch (level) {
            case ERROR -> ERROR;
            case WARNING -> WARN;
            case INFO -> INFO;
            case DEBUG -> DEBUG;
        };
    }

    /** Whether this process's stderr goes to the journal ({@code $JOURNAL_STREAM}, set by systemd). */
    public static boolean journal() {
        return System.getenv("JOURNAL_STREAM") != null;
    }

    /** The syslog priority journald reads at the start of a line: {@code <3>} for an error. */
    public String priority() {
        return "<" + priority + ">";
    }

    /** The start of a line: the word, after the priority when the line goes to the journal. */
    public String prefix(boolean journal) {
        return journal ? priority() + name() : name();
    }
}
