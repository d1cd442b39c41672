package dev.pinkeeper.plan;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.pinkeeper.pin.PkpHeader;

/**
 * What one host served during {@code [from, until)}: its pinning headers and its certificate chains.
 *
 * @param from    first second served (inclusive)
 * @param until   end (exclusive), or null when it is still served and goes on
 * @param headers the Public-Key-Pins and/or Public-Key-Pins-Report-Only headers sent; as RFC 7469
 *                §2.3.1 says, only the first enforcing header counts
 * @param chains  the chains served side by side (at least one); a client may get any of them
 */
public record ServedPeriod(Instant from, Instant until, List<PkpHeader> headers, List<Chain> chains) {
    public ServedPeriod {
        Objects.requireNonNull(from, "from");
        headers = List.copyOf(headers);
        chains = List.copyOf(chains);
        if (chains.isEmpty()) {
            throw new IllegalArgumentException("an interval serves at least one chain");
        }
        if (until != null && !until.isAfter(from)) {
            throw new IllegalArgumentException("an interval ends after it starts: " + from + " .. " + until);
        }
    }

    /** The header a browser enforces (the first Public-Key-Pins), or null when none was sent. */
    public PkpHeader enforcing() {
        for (PkpHeader header : headers) {
            if (!header.reportOnly()) {
                return header;
            }
        }
        return null;
    }

    /** Whether this interval is still served (it has no end). */
    public boolean open() {
        return until == null;
    }

    /** The same interval ending at {@code end} (which must be after {@code from}). */
    public ServedPeriod endingAt(Instant end) {
        return new ServedPeriod(from, end, headers, chains);
    }
}
