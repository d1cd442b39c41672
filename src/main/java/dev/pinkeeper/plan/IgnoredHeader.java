package dev.pinkeeper.plan;

import java.time.Instant;

import dev.pinkeeper.pin.PkpHeader;

/**
 * A Public-Key-Pins header that no client notes because no chain served with it passes RFC 7469
 * §2.5 (a pin in the chain and a backup pin outside it): it protects nobody.
 *
 * @param host   the host that served it
 * @param header the header
 * @param from   start of the interval
 * @param until  end of the interval, or null when still served
 * @param reason why the served chains do not let clients note it
 */
public record IgnoredHeader(String host, PkpHeader header, Instant from, Instant until, String reason) {
    /** One line for people. */
    public String describe() {
        return host + " from " + from + (until == null ? " on" : " until " + until) + ": " + header
                + " is never noted: " + reason;
    }
}
