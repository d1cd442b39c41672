package dev.pinkeeper.plan;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;

/** Small builders for plan tests: named pins, headers, intervals. */
final class TestPins {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestPins() {
    }

    /** A distinct pin per name (the SHA-256 of the name stands for an SPKI). */
    static Pin pin(String name) {
        return Pin.ofSpki(name.getBytes(StandardCharsets.UTF_8));
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static PkpHeader pkp(long maxAge, String... pins) {
        return new PkpHeader(false, maxAge, false, null, pins(pins));
    }

    static PkpHeader pkpSub(long maxAge, String... pins) {
        return new PkpHeader(false, maxAge, true, null, pins(pins));
    }

    static PkpHeader reportOnly(long maxAge, String... pins) {
        return new PkpHeader(true, maxAge, false, null, pins(pins));
    }

    static List<Pin> pins(String... names) {
        return java.util.Arrays.stream(names).map(TestPins::pin).toList();
    }

    static Chain chain(String... names) {
        return new Chain(names[0], pins(names));
    }

    /** [from, until) in seconds after T0 (until &lt; 0: open), one header (or none), the chains. */
    static ServedPeriod served(long from, long until, PkpHeader header, Chain... chains) {
        return new ServedPeriod(at(from), until < 0 ? null : at(until), header == null ? List.of() : List.of(header),
                List.of(chains));
    }

    static Schedule one(String host, ServedPeriod... intervals) {
        return new Schedule(List.of(new HostTimeline(host, List.of(intervals))));
    }
}
