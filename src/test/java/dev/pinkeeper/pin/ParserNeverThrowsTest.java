package dev.pinkeeper.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Random header-like strings never make a parser throw: every input gives a result that is
 * consistently valid or invalid. (The Jazzer fuzz target explores much further.)
 */
class ParserNeverThrowsTest {
    private static final String[] PARTS = {"pin-sha256", "max-age", "includeSubDomains", "report-uri", "=", ";", "\"",
            "'", "\\", " ", "\t", "\r\n ", "\u0000", "\u00e9", "\uffff", "0", "99999999999999999999", "AAAA",
            TestPins.b64(TestPins.A), "https://r.example/", "pin-", "-", "==", "x"};

    @Test
    void randomHeadersGiveConsistentResults() {
        Random random = new Random(7469);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder value = new StringBuilder();
            int parts = random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                value.append(random.nextInt(10) == 0 ? String.valueOf((char) random.nextInt(random.nextBoolean() ? 0x110 : 0x10000))
                        : PARTS[random.nextInt(PARTS.length)]);
            }
            for (UserAgent ua : UserAgent.values()) {
                for (boolean reportOnly : new boolean[] {false, true}) {
                    HeaderParse parse = PkpHeaderParser.parse(ua, value.toString(), reportOnly);
                    assertThat(parse.valid()).isEqualTo(parse.error() == null).isEqualTo(parse.header() != null);
                    assertThat(parse.error() == null || !parse.error().contains("internal parser error"))
                            .as("%s %s", ua, value).isTrue();
                }
            }
        }
    }
}
