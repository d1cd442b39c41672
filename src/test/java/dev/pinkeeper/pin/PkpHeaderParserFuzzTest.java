package dev.pinkeeper.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz test of {@link PkpHeaderParser}: for any header value (the input bytes read as
 * ISO-8859-1, as HTTP carries them, and as UTF-8), under every user agent and for both header
 * names, it must return a consistent result — never throw, and never fall back to its
 * "internal parser error" (which hides a parser bug from callers).
 */
class PkpHeaderParserFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void neverThrows(byte[] input) {
        for (String value : List.of(new String(input, StandardCharsets.ISO_8859_1),
                new String(input, StandardCharsets.UTF_8))) {
            for (UserAgent ua : UserAgent.values()) {
                for (boolean reportOnly : new boolean[] {false, true}) {
                    check(PkpHeaderParser.parse(ua, value, reportOnly));
                }
            }
        }
    }

    private static void check(HeaderParse parse) {
        assertThat(parse).isNotNull();
        if (!parse.valid()) {
            assertThat(parse.error()).isNotBlank().doesNotStartWith("internal parser error");
            return;
        }
        assertThat(parse.error()).isNull();
        assertThat(parse.header()).isNotNull();
        assertThat(new HashSet<>(parse.pins())).hasSameSizeAs(parse.pins());
        for (Pin pin : parse.pins()) {
            assertThat(pin.digest()).hasSize(Pin.LENGTH);
        }
        if (parse.effectiveMaxAge() != null) {
            assertThat(parse.maxAge()).isNotNull();
            assertThat(parse.effectiveMaxAge()).isBetween(0L, parse.maxAge());
        }
    }
}
