package dev.pinkeeper.ops.log;

import org.slf4j.event.Level;

/**
 * What this run logs through slf4j, on stderr ({@link StderrLoggerProvider}): pinkeeper's own loggers from
 * {@link Level#INFO} (from {@link Level#WARN} when quiet, {@link Level#DEBUG} when verbose); the libraries'
 * ({@code org.eclipse.jetty}, HikariCP, Flyway, acme4j…) nothing, or their warnings and errors when verbose,
 * never their debug lines (Jetty's would print request headers, an operator token among them). Changes
 * apply to loggers already made, so a command sets them at any time before it logs.
 */
public final class LogLevels {
    /** The name every pinkeeper logger starts with. */
    static final String OWN = "dev.pinkeeper.";

    private static volatile Level own = Level.INFO;
    private static volatile Level libraries = null;
    private static volatile boolean debug;

    private LogLevels() {
    }

    /** Back to the default: pinkeeper's info and above, libraries silent, no stack traces. */
    public static void reset() {
        own = Level.INFO;
        libraries = null;
        debug = false;
    }

    /** Quiet: only pinkeeper's warnings and errors. */
    public static void quiet() {
        own = Level.WARN;
        libraries = null;
    }

    /** Verbose: pinkeeper's debug lines too, and the libraries' warnings and errors. */
    public static void verbose() {
        own = Level.DEBUG;
        libraries = Level.WARN;
    }

    /** {@code --debug}: pinkeeper's debug lines and every error's stack trace, whatever else was chosen. */
    public static void debug() {
        debug = true;
    }

    /** Whether a logger named {@code name} logs {@code level} now. */
    static boolean enabled(String name, Level level) {
        Level lowest = name.startsWith(OWN) ? (debug ? Level.DEBUG : own) : libraries;
        // slf4j numbers levels from ERROR (40) down to TRACE (0)
        return lowest != null && level.toInt() >= lowest.toInt();
    }

    /** Whether a logged throwable's stack trace is printed (otherwise its cause chain on the same line). */
    static boolean stackTraces() {
        return debug;
    }
}
