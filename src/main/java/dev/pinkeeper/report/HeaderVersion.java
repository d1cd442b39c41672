package dev.pinkeeper.report;

import java.time.Instant;
import java.util.Set;

import dev.pinkeeper.pin.Pin;

/**
 * One version of a site's pin header as it was served: the pin set clients cached from it.
 *
 * @param label       a name for it, e.g. {@code v3} or {@code 2026-05 rollover}
 * @param pins        the pins it carried
 * @param servedFrom  when servers started sending it
 * @param servedUntil when servers stopped, or null while it is still served
 */
public record HeaderVersion(String label, Set<Pin> pins, Instant servedFrom, Instant servedUntil) {
    public HeaderVersion {
        pins = Set.copyOf(pins);
    }
}
