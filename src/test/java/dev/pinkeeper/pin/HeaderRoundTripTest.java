package dev.pinkeeper.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Property: every header {@link HeaderBuilder} accepts parses back to the same fields, for every UA. */
class HeaderRoundTripTest {
    private static final String URI_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-._~/?=&+,;:@!*()";

    @Test
    void buildThenParseGivesTheSameHeader() {
        Random random = new Random(20150418L);
        int accepted = 0;
        for (int i = 0; i < 1_000; i++) {
            List<Pin> pins = new ArrayList<>();
            int count = 2 + random.nextInt(5);
            for (int p = 0; p < count; p++) {
                byte[] digest = new byte[32];
                random.nextBytes(digest);
                pins.add(Pin.ofDigest(digest));
            }
            long maxAge = random.nextInt(4) == 0 ? 0 : 1 + (long) random.nextInt((int) UserAgent.SIXTY_DAYS);
            boolean includeSubDomains = random.nextBoolean();
            boolean reportOnly = random.nextInt(3) == 0;
            String reportUri = random.nextBoolean() ? randomUri(random) : null;
            Long writtenMaxAge = reportOnly && random.nextBoolean() ? null : maxAge;

            HeaderBuilder.Result result = new HeaderBuilder().pins(pins).maxAge(writtenMaxAge)
                    .includeSubDomains(includeSubDomains).reportUri(reportUri).reportOnly(reportOnly)
                    .currentPins(List.of(pins.get(0))).build();
            if (reportOnly && reportUri == null) {
                assertThat(result.problems()).singleElement().asString().contains("without report-uri");
                continue;
            }
            assertThat(result.problems()).as(result.toString()).isEmpty();
            accepted++;
            String value = result.header().value();
            for (UserAgent ua : UserAgent.values()) {
                HeaderParse parse = PkpHeaderParser.parse(ua, value, reportOnly);
                if (ua == UserAgent.FIREFOX && reportOnly) {
                    assertThat(parse.valid()).isFalse();
                    continue;
                }
                assertThat(parse.valid()).as(ua + " " + value + " " + parse.error()).isTrue();
                assertThat(parse.pins()).containsExactlyElementsOf(pins);
                assertThat(parse.maxAge()).isEqualTo(writtenMaxAge);
                assertThat(parse.includeSubDomains()).isEqualTo(includeSubDomains);
                assertThat(parse.reportUri()).isEqualTo(reportUri);
                assertThat(parse.header()).isEqualTo(result.header());
                assertThat(parse.warnings()).isEmpty();
                Long expectedEffective = ua == UserAgent.CHROME && reportOnly ? null : writtenMaxAge;
                assertThat(parse.effectiveMaxAge()).isEqualTo(expectedEffective);
                assertThat(PinListRule.whyNotNoted(ua, parse.header(), List.of(pins.get(0)))).isNull();
            }
        }
        assertThat(accepted).isGreaterThan(700);
    }

    private static String randomUri(Random random) {
        StringBuilder uri = new StringBuilder(random.nextBoolean() ? "https://" : "http://");
        uri.append("r").append(random.nextInt(1000)).append(".example");
        if (random.nextBoolean()) {
            uri.append(':').append(1 + random.nextInt(65535));
        }
        uri.append('/');
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            uri.append(URI_CHARS.charAt(random.nextInt(URI_CHARS.length())));
        }
        return uri.toString();
    }
}
