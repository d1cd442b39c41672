package dev.pinkeeper.acme;

import java.time.Instant;

/**
 * The CA refused a request because of a rate limit ({@code urn:ietf:params:acme:error:rateLimited}):
 * asking again before {@link #retryAfter()} only counts against the limit again.
 */
public class RateLimitedException extends IssuanceException {
    private static final long serialVersionUID = 1L;
    private final transient Instant retryAfter;

    public RateLimitedException(String message, Instant retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** When the CA said to try again (its Retry-After), or null when it did not say. */
    public Instant retryAfter() {
        return retryAfter;
    }
}
