package dev.pinkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a certificate is renewed inside its window: spread over a CA's ARI window, the start of the default one. */
class RenewalWindowTest {
    static final Instant START = Instant.parse("2027-03-01T00:00:00Z");
    static final Instant END = Instant.parse("2027-03-03T00:00:00Z");

    @Test
    void anAriWindowIsSpreadStablyPerCertificate() {
        RenewalWindow ari = new RenewalWindow(START, END, RenewalWindow.Source.ARI);
        Set<Instant> times = new HashSet<>();
        for (int i = 1; i <= 200; i++) {
            BigInteger serial = BigInteger.valueOf(1_000_003L * i);
            Instant at = ari.renewAt(serial);
            assertThat(at).isBetween(START, END.minusSeconds(1));
            assertThat(ari.renewAt(serial)).isEqualTo(at);
            assertThat(ari.isDue(at, serial)).isTrue();
            assertThat(ari.isDue(at.minusSeconds(1), serial)).isFalse();
            times.add(at);
        }
        assertThat(times).hasSizeGreaterThan(150);
        // both halves of the window are used
        assertThat(times).anyMatch(t -> t.isBefore(START.plusSeconds(86_400)))
                .anyMatch(t -> t.isAfter(START.plusSeconds(86_400)));
    }

    @Test
    void theDefaultWindowRenewsAtItsStart() {
        RenewalWindow fallback = new RenewalWindow(START, END, RenewalWindow.Source.DEFAULT);
        assertThat(fallback.renewAt(BigInteger.TEN)).isEqualTo(START);
        assertThat(fallback.isDue(START, BigInteger.TEN)).isTrue();
        assertThat(fallback.isDue(START.minusSeconds(1), BigInteger.TEN)).isFalse();
    }
}
