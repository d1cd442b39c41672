package dev.pinkeeper.acme;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate should be renewed: from {@code start} on, before {@code end}.
 *
 * @param start      the earliest time to renew
 * @param end        the time by which it should have been renewed
 * @param source     where the window comes from
 * @param retryAfter ARI only: the CA's Retry-After, before which the window need not be asked for again
 *                   (RFC 9773 §4.3), or null
 */
public record RenewalWindow(Instant start, Instant end, Source source, Instant retryAfter) {
    /** Where a window comes from. */
    public enum Source {
        /** the CA's ACME Renewal Information (RFC 9773) */
        ARI,
        /** pinkeeper's default: the last third of the certificate's lifetime */
        DEFAULT
    }

    /** A window without a Retry-After. */
    public RenewalWindow(Instant start, Instant end, Source source) {
        this(start, end, source, null);
    }

    /**
     * The default window: renew when less than a third of the certificate's real lifetime (notBefore to
     * notAfter, whatever it is: 6 days, 45, 90) remains, by the expiry.
     */
    public static RenewalWindow defaultFor(X509Certificate certificate) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Duration lifetime = Duration.between(notBefore, notAfter);
        return new RenewalWindow(notBefore.plus(lifetime.multipliedBy(2).dividedBy(3)), notAfter, Source.DEFAULT);
    }

    /** Whether renewal is due at {@code now} (the window has started). */
    public boolean isDue(Instant now) {
        return !now.isBefore(start);
    }

    /**
     * When the certificate with {@code serial} is renewed: the default window's start; in a CA's ARI window
     * a time spread uniformly over the window (RFC 9773 §4.2: clients renewing at the same moment would load
     * the CA), the same for the same certificate on every run so that the decision does not flap.
     */
    public Instant renewAt(BigInteger serial) {
        long span = Duration.between(start, end).toSeconds();
        if (source != Source.ARI || span <= 0) {
            return start;
        }
        long mixed = serial.hashCode() * 0x9E3779B97F4A7C15L;
        return start.plusSeconds(Math.floorMod(mixed ^ (mixed >>> 29), span));
    }

    /** Whether the certificate with {@code serial} is due for renewal at {@code now} ({@link #renewAt}). */
    public boolean isDue(Instant now, BigInteger serial) {
        return !now.isBefore(renewAt(serial));
    }
}
