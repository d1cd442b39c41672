package dev.pinkeeper.error;

import java.util.List;
import java.util.Objects;

/**
 * The root of pinkeeper's failures: a one-line message in domain words (never a caller's flag), its
 * {@link ErrorKind}, and what the operator can do about it as {@link Remedy data}. Unchecked, so that a
 * picocli command, a record's constructor or a callback can throw it; each subclass says in its Javadoc
 * when its methods throw it.
 */
public class PinkeeperException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final transient List<Remedy> remedies;

    public PinkeeperException(ErrorKind kind, String message) {
        this(kind, message, null, List.of());
    }

    public PinkeeperException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, cause, List.of());
    }

    /**
     * @param kind     what kind of failure it is
     * @param message  what failed and why, one line, without any caller's spelling of a remedy
     * @param cause    the underlying failure, or null
     * @param remedies what helps, most useful first (may be empty)
     */
    public PinkeeperException(ErrorKind kind, String message, Throwable cause, List<Remedy> remedies) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.remedies = List.copyOf(remedies);
    }

    /** What kind of failure it is. */
    public ErrorKind kind() {
        return kind;
    }

    /** What the operator can do about it, most useful first; empty when nothing but the message helps. */
    public List<Remedy> remedies() {
        return remedies == null ? List.of() : remedies;
    }
}
