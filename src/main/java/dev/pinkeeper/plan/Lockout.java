package dev.pinkeeper.plan;

import java.time.Instant;

/**
 * A failure window: every client that noted {@code cause} and came back to {@code host} during
 * {@code [from, until)} while its cache entry was alive was refused {@code chain} (no pin of the
 * chain is in the cached header, RFC 7469 §2.6).
 *
 * @param host              where the later visit fails
 * @param chain             the chain served there then
 * @param cause             the cached header that rejects it
 * @param from              first failing later visit
 * @param until             end (exclusive) of failing later visits, or null when it goes on
 * @param exampleFirstVisit one failing pair: the first visit (to {@code cause.host()}) …
 * @param exampleLaterVisit … and the later visit (to {@code host}) that is refused
 */
public record Lockout(String host, Chain chain, CachedHeader cause, Instant from, Instant until,
                      Instant exampleFirstVisit, Instant exampleLaterVisit) {
    /** A paragraph for people: who is locked out, when, and by which header. */
    public String describe() {
        return "clients returning to " + host + " from " + from + " " + (until == null ? "on" : "until " + until)
                + " are refused chain " + chain.describe() + "\n  because they cached " + cause.describe()
                + "\n  e.g. first visit " + exampleFirstVisit + ", back at " + exampleLaterVisit;
    }
}
