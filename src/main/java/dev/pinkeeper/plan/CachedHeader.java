package dev.pinkeeper.plan;

import java.time.Instant;

import dev.pinkeeper.pin.PkpHeader;

/**
 * A Public-Key-Pins header as clients cached it: which host served it, during which interval, with
 * which effective max-age, and until when the last client that noted it still enforces it.
 *
 * @param host        the host that served it
 * @param header      the header
 * @param servedFrom  first second it was served
 * @param servedUntil end of serving (exclusive), or null while it is still served
 * @param maxAge      the max-age clients applied, in seconds (after a user agent's cap)
 * @param liveUntil   end (exclusive) of the last cache entry: {@code servedUntil - 1s + maxAge}; null
 *                    while it is still served
 */
public record CachedHeader(String host, PkpHeader header, Instant servedFrom, Instant servedUntil, long maxAge,
                           Instant liveUntil) {
    /** One line: the header, where and when it was served, and how long it lives. */
    public String describe() {
        return header + " (served on " + host + " from " + servedFrom + " "
                + (servedUntil == null ? "and still served" : "until " + servedUntil)
                + ", max-age " + Durations.human(maxAge)
                + (liveUntil == null ? ")" : ", cached until " + liveUntil + ")");
    }
}
