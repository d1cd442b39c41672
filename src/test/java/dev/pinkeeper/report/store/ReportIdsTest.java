package dev.pinkeeper.report.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Report ids are UUIDv7: time first, so later ids sort later, as UUIDs and as the text stored. */
class ReportIdsTest {
    @Test
    void idsAreVersion7WithTheTimeInTheirFirst48Bits() {
        long millis = 1_795_000_000_123L;
        UUID id = ReportIds.next(millis);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562 variant, bits 10
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void laterIdsSortLaterAsTextAndNoneRepeat() {
        List<String> texts = new ArrayList<>();
        HashSet<UUID> seen = new HashSet<>();
        for (long millis = 1_795_000_000_000L; millis < 1_795_000_000_000L + 2000; millis += 7) {
            for (int i = 0; i < 50; i++) {
                UUID id = ReportIds.next(millis);
                assertThat(seen.add(id)).isTrue();
                if (i == 0) {
                    texts.add(id.toString());
                }
            }
        }
        assertThat(texts).isSorted();
    }
}
