package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A CA's rate limit, recorded for one of a site's CAs ({@link SiteLayout#rateLimitHold}): until
 * {@code until} no order is sent there, so a timer run twice a day waits instead of hammering the CA. The
 * times are the CA's, on the real clock (never a site's simulated clock).
 *
 * @param until   when the CA said to try again (its Retry-After), or {@link #DEFAULT_WAIT} after the refusal
 * @param message what the CA answered (one line)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RateLimitHold(Instant until, String message) {
    /** How long to wait when the CA gave no Retry-After. */
    public static final Duration DEFAULT_WAIT = Duration.ofHours(1);

    private static Path file(SiteLayout paths, String ca) {
        return paths.rateLimitHold(ca);
    }

    /** The hold on {@code ca} still running at {@code now}, or null. */
    public static RateLimitHold active(SiteLayout paths, String ca, Instant now) throws IOException {
        Path file = file(paths, ca);
        if (!Files.exists(file)) {
            return null;
        }
        RateLimitHold hold = SettingsFiles.read(file, RateLimitHold.class, null);
        return hold != null && hold.until != null && now.isBefore(hold.until) ? hold : null;
    }

    /** Records a hold on {@code ca}: until {@code retryAfter}, or {@link #DEFAULT_WAIT} after {@code now} without one. */
    public static RateLimitHold record(SiteLayout paths, String ca, Instant retryAfter, Instant now, String message)
            throws IOException {
        RateLimitHold hold = new RateLimitHold(retryAfter != null ? retryAfter : now.plus(DEFAULT_WAIT), message);
        SettingsFiles.write(file(paths, ca), hold);
        return hold;
    }

    /** Forgets the hold on {@code ca} (an order went through). */
    public static void clear(SiteLayout paths, String ca) throws IOException {
        Files.deleteIfExists(file(paths, ca));
    }
}
