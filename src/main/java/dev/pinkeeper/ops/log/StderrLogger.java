package dev.pinkeeper.ops.log;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One slf4j logger: each event one line on stderr, as pinkeeper's lifecycle log writes them:
 * <pre>
 * INFO 2026-12-07T03:22:54Z CollectorServer: listening for reports on http://127.0.0.1:8470/
 * WARN 2026-12-07T03:23:10Z DatabaseFeeder: reopening the report store: a call into it has not returned for 95 s
 * </pre>
 * Level first (for {@code journalctl --grep} and log filters), the time (UTC), the logger's short name, the
 * message on one line (a throwable's cause chain appended to it; its stack trace only with {@code --debug}).
 * Under systemd ({@code $JOURNAL_STREAM} set) each line starts with its syslog priority ({@link LogSeverity}),
 * which journald strips and files the line under.
 */
final class StderrLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient PrintStream fixed;
    private final boolean journal;
    private final String shortName;

    /** {@code err} null: {@link System#err} as it is at each line (a test that captures stderr sees them). */
    StderrLogger(String name, PrintStream err, boolean journal) {
        this.name = name;
        this.fixed = err;
        this.journal = journal;
        this.shortName = name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public boolean isTraceEnabled() {
        return LogLevels.enabled(name, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogLevels.enabled(name, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogLevels.enabled(name, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogLevels.enabled(name, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogLevels.enabled(name, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        StringBuilder line = new StringBuilder();
        line.append(LogSeverity.of(level).prefix(journal)).append(' ')
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(' ').append(shortName).append(": ")
                .append(oneLine(message));
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            line.append(t == throwable ? ": " : " <- ").append(oneLine(t.toString()));
        }
        PrintStream err = fixed == null ? System.err : fixed;
        synchronized (err) {
            err.println(line);
            if (throwable != null && LogLevels.stackTraces()) {
                throwable.printStackTrace(err);
            }
            err.flush();
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
