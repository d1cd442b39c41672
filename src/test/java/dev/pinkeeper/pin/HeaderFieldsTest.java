package dev.pinkeeper.pin;

import static dev.pinkeeper.pin.TestPins.A;
import static dev.pinkeeper.pin.TestPins.B;
import static dev.pinkeeper.pin.TestPins.C;
import static dev.pinkeeper.pin.TestPins.b64;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each user agent reads out of a valid header: max-age, its cap, pins, report-uri. */
class HeaderFieldsTest {
    private static final String PINS = "pin-sha256=\"" + b64(A) + "\"; pin-sha256=\"" + b64(B) + "\"";

    private static HeaderParse parse(UserAgent ua, String value) {
        return PkpHeaderParser.parse(ua, value, false);
    }

    @ParameterizedTest
    @EnumSource(UserAgent.class)
    void pinsKeepTheirOrderAndRepeatsCountOnce(UserAgent ua) {
        String value = "pin-sha256=\"" + b64(C) + "\"; " + PINS + "; pin-sha256=\"" + b64(C) + "\"; max-age=10";
        HeaderParse parse = parse(ua, value);
        assertThat(parse.pins()).containsExactly(C, A, B);
        assertThat(parse.header().pins()).containsExactly(C, A, B);
        assertThat(parse.warnings()).anyMatch(w -> w.contains("repeated"));
    }

    @ParameterizedTest
    @EnumSource(UserAgent.class)
    void maxAgeAsWrittenAndTheCap(UserAgent ua) {
        HeaderParse parse = parse(ua, PINS + "; max-age=10000000; includeSubDomains");
        assertThat(parse.maxAge()).isEqualTo(10_000_000L);
        assertThat(parse.includeSubDomains()).isTrue();
        long expected = ua == UserAgent.RFC ? 10_000_000L : 5_184_000L;
        assertThat(parse.effectiveMaxAge()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(UserAgent.class)
    void maxAgeAtTheCapIsKept(UserAgent ua) {
        assertThat(parse(ua, PINS + "; max-age=5184000").effectiveMaxAge()).isEqualTo(5_184_000L);
        assertThat(parse(ua, PINS + "; max-age=5184001").effectiveMaxAge())
                .isEqualTo(ua == UserAgent.RFC ? 5_184_001L : 5_184_000L);
    }

    @ParameterizedTest
    @EnumSource(UserAgent.class)
    void overflowingMaxAgeSaturatesThenCaps(UserAgent ua) {
        HeaderParse parse = parse(ua, PINS + "; max-age=99999999999999999999999");
        assertThat(parse.maxAge()).isEqualTo(Long.MAX_VALUE);
        assertThat(parse.effectiveMaxAge()).isEqualTo(ua == UserAgent.RFC ? 2_147_483_648L : 5_184_000L);
    }

    @Test
    void maxAgeJustAbove32BitsIsClampedByChromeNotRejected() {
        // ParseUint32 overflows above 4294967295: Chrome then uses the cap instead of failing.
        assertThat(parse(UserAgent.CHROME, PINS + "; max-age=4294967296").effectiveMaxAge()).isEqualTo(5_184_000L);
    }

    @ParameterizedTest
    @EnumSource(UserAgent.class)
    void leadingZerosAreIgnored(UserAgent ua) {
        assertThat(parse(ua, PINS + "; max-age=000100").maxAge()).isEqualTo(100L);
    }

    @Test
    void chromeTakesTheLastOfRepeatedDirectives() {
        HeaderParse parse = parse(UserAgent.CHROME,
                PINS + "; max-age=1; max-age=2; report-uri=\"https://a.example/\"; report-uri=\"https://b.example/\"");
        assertThat(parse.maxAge()).isEqualTo(2L);
        assertThat(parse.reportUri()).isEqualTo("https://b.example/");
    }

    @Test
    void quotedPairsAreResolvedByRfcAndChromeButKeptByFirefox() {
        String value = PINS + "; max-age=1; report-uri=\"https://r.example/a\\b\"";
        assertThat(parse(UserAgent.RFC, value).reportUri()).isEqualTo("https://r.example/ab");
        assertThat(parse(UserAgent.CHROME, value).reportUri()).isEqualTo("https://r.example/ab");
        assertThat(parse(UserAgent.FIREFOX, value).reportUri()).isEqualTo("https://r.example/a\\b");
    }

    @Test
    void rfcIgnoresPinsThatCannotBeSha256AndSaysSo() {
        String shortPin = Base64.getEncoder().encodeToString(new byte[16]);
        HeaderParse parse = parse(UserAgent.RFC, "pin-sha256=\"" + shortPin + "\"; pin-sha512=\"abcd\"; " + PINS + "; max-age=1");
        assertThat(parse.pins()).containsExactly(A, B);
        assertThat(parse.warnings()).hasSize(2)
                .anyMatch(w -> w.contains("32-byte")).anyMatch(w -> w.contains("unknown hash algorithm"));
    }

    @Test
    void unknownDirectivesAreReported() {
        assertThat(parse(UserAgent.CHROME, PINS + "; max-age=1; x-future=1").warnings())
                .containsExactly("ignored unknown directive 'x-future'");
    }

    @ParameterizedTest
    @EnumSource(UserAgent.class)
    void maxAgeZeroIsValidAndForgetsPins(UserAgent ua) {
        HeaderParse parse = parse(ua, PINS + "; max-age=0");
        assertThat(parse.valid()).isTrue();
        assertThat(parse.effectiveMaxAge()).isZero();
        assertThat(parse.forgetsPins()).isTrue();
        assertThat(parse(ua, PINS + "; max-age=1").forgetsPins()).isFalse();
    }

    @Test
    void reportOnlyMaxAgeIsOptionalAndChromeIgnoresIt() {
        String value = PINS + "; max-age=100; report-uri=\"https://r.example/\"";
        HeaderParse rfc = PkpHeaderParser.parse(UserAgent.RFC, value, true);
        HeaderParse chrome = PkpHeaderParser.parse(UserAgent.CHROME, value, true);
        assertThat(rfc.maxAge()).isEqualTo(100L);
        assertThat(rfc.effectiveMaxAge()).isEqualTo(100L);
        assertThat(chrome.maxAge()).isEqualTo(100L);
        assertThat(chrome.effectiveMaxAge()).isNull();
        assertThat(chrome.header().reportOnly()).isTrue();
        assertThat(chrome.forgetsPins()).isFalse();

        HeaderParse withoutMaxAge = PkpHeaderParser.parse(UserAgent.RFC, PINS + "; report-uri=\"https://r.example/\"", true);
        assertThat(withoutMaxAge.maxAge()).isNull();
        assertThat(withoutMaxAge.effectiveMaxAge()).isNull();
        assertThat(withoutMaxAge.header().name()).isEqualTo("Public-Key-Pins-Report-Only");
    }

    @Test
    void invalidResultsCarryNoFields() {
        HeaderParse parse = parse(UserAgent.RFC, "max-age=abc");
        assertThat(parse.valid()).isFalse();
        assertThat(parse.error()).contains("max-age");
        assertThat(parse.maxAge()).isNull();
        assertThat(parse.effectiveMaxAge()).isNull();
        assertThat(parse.pins()).isEmpty();
        assertThat(parse.forgetsPins()).isFalse();
    }

    @Test
    void longMalformedInputGivesAShortOneLineError() {
        String value = "max-age=" + "9".repeat(10) + "x".repeat(10_000) + "\n";
        HeaderParse parse = parse(UserAgent.CHROME, value);
        assertThat(parse.error()).doesNotContain("\n").hasSizeLessThan(200);
    }

    @Test
    void nullValueIsInvalidNotAnException() {
        assertThat(PkpHeaderParser.parse(UserAgent.FIREFOX, null, false).valid()).isFalse();
    }
}
