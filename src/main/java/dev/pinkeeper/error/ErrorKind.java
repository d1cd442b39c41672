package dev.pinkeeper.error;

/**
 * What kind of failure a {@link PinkeeperException} is: what the caller can do about it, and so the
 * command line's exit code (refused 1, usage 2, environment 2, internal 3).
 */
public enum ErrorKind {
    /** Checked and found unsafe or not due yet: nothing was changed; a {@link Remedy} may say what helps. */
    REFUSED("refused"),
    /** A request that makes no sense, or an input that cannot be read or used. */
    USAGE("usage"),
    /** The machine around pinkeeper: a state folder, a lock, a program, a server or a CA that is not as needed. */
    ENVIRONMENT("environment"),
    /** A bug: something pinkeeper itself got wrong. */
    INTERNAL("internal");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    /** The kind's name in JSON and in messages ({@code refused}, {@code usage}, {@code environment}, {@code internal}). */
    public String label() {
        return label;
    }
}
