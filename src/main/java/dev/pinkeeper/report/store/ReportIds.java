package dev.pinkeeper.report.store;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for received reports in the layout of UUID version 7 (RFC 9562 §5.7): the first 48 bits are
 * the Unix time in milliseconds, the other 74 (besides version and variant) random. Ids made later
 * sort later, also as text, so each new row lands at the end of the primary-key index instead of
 * on a random page of it: a batch of inserts rewrites a few index pages, not one per row. The
 * random bits keep ids from several collectors apart; they need not be secret, so they come from
 * {@link ThreadLocalRandom}, not from the slower {@code SecureRandom} behind
 * {@link UUID#randomUUID()} — mixed with a salt drawn once per process from {@code SecureRandom}, so
 * that two collectors never share a sequence even if their generators started alike.
 */
public final class ReportIds {
    private static final long SALT = new SecureRandom().nextLong();

    private ReportIds() {
    }

    /** A new id for a report received at {@code epochMillis}. */
    public static UUID next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0fff);
        long low = ((random.nextLong() ^ SALT) & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
