package dev.pinkeeper.cli;

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
}
