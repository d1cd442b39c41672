package dev.pinkeeper.cli;

import dev.pinkeeper.lifecycle.LifecycleEvent;
import dev.pinkeeper.ops.log.LogLevels;

/**
 * How much this run logs on stderr, as the global {@code --quiet} and {@code --verbose} options set it:
 * the lowest {@link LifecycleEvent.Level} printed. {@link Main#execute} resets it before every command line.
 */
final class Verbosity {
    private static volatile LifecycleEvent.Level lowest = LifecycleEvent.Level.INFO;

    private Verbosity() {
    }

    /** Back to the default: info and above. */
    static void reset() {
        lowest = LifecycleEvent.Level.INFO;
        LogLevels.reset();
    }

    /** Logs from {@code level}: the lifecycle lines, and the slf4j loggers ({@link LogLevels}) alike. */
    static void set(LifecycleEvent.Level level) {
        lowest = level;
        if (quiet()) {
            LogLevels.quiet();
        } else if (verbose()) {
            LogLevels.verbose();
        }
    }

    /** The lowest level logged. */
    static LifecycleEvent.Level lowest() {
        return lowest;
    }

    /** {@code --quiet}: only warnings and errors, and no progress lines. */
    static boolean quiet() {
        return lowest.compareTo(LifecycleEvent.Level.WARNING) >= 0;
    }

    /** {@code --verbose}: every step too. */
    static boolean verbose() {
        return lowest == LifecycleEvent.Level.DEBUG;
    }
}
