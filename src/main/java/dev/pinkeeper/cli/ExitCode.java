package dev.pinkeeper.cli;

import dev.pinkeeper.error.ErrorKind;

/** The exit codes of every pinkeeper command (shared/DESIGN.md). */
public final class ExitCode {
    /** Success, valid, accepted. */
    public static final int OK = 0;
    /** Checked and found invalid or unsafe. */
    public static final int REJECTED = 1;
    /** Bad usage or unreadable input. */
    public static final int USAGE = 2;
    /** An internal error: a bug (one line; {@code --debug} prints the cause chain). */
    public static final int INTERNAL = 3;

    private ExitCode() {
    }

    /** The exit code of a failure of {@code kind}: the one place that maps them (refused 1, usage and environment 2, internal 3). */
    static int of(ErrorKind kind) {
        return switch (kind) {
            case REFUSED -> REJECTED;
            case USAGE, ENVIRONMENT -> USAGE;
            case INTERNAL -> INTERNAL;
        };
    }
}
