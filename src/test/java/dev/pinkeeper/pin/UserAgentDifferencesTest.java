package dev.pinkeeper.pin;

import static dev.pinkeeper.pin.TestPins.A;
import static dev.pinkeeper.pin.TestPins.B;
import static dev.pinkeeper.pin.TestPins.b64;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per parsing rule: is the header valid for RFC 7469, Chrome and Firefox? Where the
 * sources differ, the row documents the difference (see the Javadoc of the three rule classes).
 */
class UserAgentDifferencesTest {
    private static final String PA = "pin-sha256=\"" + b64(A) + "\"";
    private static final String PB = "pin-sha256=\"" + b64(B) + "\"";
    private static final String PINS = PA + "; " + PB;
    private static final String BASE = PINS + "; max-age=100";
    private static final String R1 = "report-uri=\"https://r.example/a\"";
    private static final String R2 = "report-uri=\"https://r.example/b\"";

    static Stream<Arguments> enforcing() {
        String unpadded = b64(A).substring(0, 43);
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);
        String sha1 = Base64.getEncoder().encodeToString(new byte[20]);
        return Stream.of(
                // rule, value, rfc, chrome, firefox
                row("plain header", BASE, true, true, true),
                row("names are case-insensitive", "PIN-SHA256=\"" + b64(A) + "\"; Pin-Sha256=\"" + b64(B) + "\"; MAX-AGE=100; INCLUDESUBDOMAINS", true, true, true),
                row("max-age twice: RFC and Firefox reject, Chrome takes the last", PINS + "; max-age=1; max-age=2", false, true, false),
                row("includeSubDomains twice", BASE + "; includeSubDomains; includeSubDomains", false, true, false),
                row("report-uri twice", BASE + "; " + R1 + "; " + R2, false, true, false),
                row("unknown directive ignored", BASE + "; foo=bar; baz", true, true, true),
                row("unknown directive with a malformed value", BASE + "; foo=a b c", false, true, false),
                row("includeSubDomains with a value: only Chrome accepts", BASE + "; includeSubDomains=yes", false, true, false),
                row("includeSubDomains= with nothing after: only Firefox accepts", BASE + "; includeSubDomains=", false, false, true),
                row("quoted max-age", PINS + "; max-age=\"100\"", true, true, true),
                row("max-age with a plus sign", PINS + "; max-age=+100", false, false, false),
                row("negative max-age", PINS + "; max-age=-1", false, false, false),
                row("fractional max-age", PINS + "; max-age=1.5", false, false, false),
                row("hexadecimal max-age", PINS + "; max-age=0x10", false, false, false),
                row("empty max-age", PINS + "; max-age=", false, false, false),
                row("max-age without '='", PINS + "; max-age", false, false, false),
                row("max-age with leading zeros", PINS + "; max-age=000100", true, true, true),
                row("max-age beyond 64 bits", PINS + "; max-age=99999999999999999999999", true, true, true),
                row("max-age missing", PINS, false, false, false),
                row("max-age=0", PINS + "; max-age=0", true, true, true),
                row("unquoted pin", "pin-sha256=" + b64(A) + "; " + PB + "; max-age=100", false, false, false),
                row("single-quoted pin: Chrome's HttpUtil::IsQuote accepts '", "pin-sha256='" + b64(A) + "'; " + PB + "; max-age=100", false, true, false),
                row("pin of 16 bytes: RFC ignores it, browsers reject the header", "pin-sha256=\"" + sixteenBytes + "\"; " + BASE, true, false, false),
                row("pin that is not base64", "pin-sha256=\"!!!!\"; " + BASE, true, false, false),
                row("pin without base64 padding", "pin-sha256=\"" + unpadded + "\"; " + BASE, true, false, false),
                row("empty pin", "pin-sha256=\"\"; " + BASE, true, false, false),
                row("pin-sha1 is an unknown directive everywhere", "pin-sha1=\"" + sha1 + "\"; " + BASE, true, true, true),
                row("quoted-pair inside a pin: Firefox keeps the backslash", "pin-sha256=\"\\" + b64(A) + "\"; " + PB + "; max-age=100", true, true, false),
                row("whitespace around ';' and '='", "  " + PA + " ;" + PB + " ;  max-age = 100  ", true, true, true),
                row("tabs as whitespace", "\t" + PA + "\t;\t" + PB + ";max-age\t=\t100", true, true, true),
                row("trailing semicolons", BASE + ";;;", true, true, true),
                row("leading and doubled semicolons", ";" + PA + ";;" + PB + ";;max-age=100", true, true, true),
                row("empty value", "", false, false, false),
                row("only semicolons", ";;", false, false, false),
                row("unterminated quoted-string", "pin-sha256=\"" + b64(A) + "; " + PB + "; max-age=100", false, false, false),
                row("quote before '='", "\"pin-sha256\"=\"" + b64(A) + "\"; " + BASE, false, false, false),
                row("nameless directive '=x': only Firefox ignores it", BASE + "; =100", false, false, true),
                row("non-ASCII inside a quoted-string (obs-text)", BASE + "; foo=\"\u00e9\"", true, true, false),
                row("control character inside a quoted-string", BASE + "; foo=\"a\u0001b\"", false, true, false),
                row("NUL: Firefox stops reading at it", BASE + "; \u0000garbage", false, true, true),
                row("obsolete line folding CRLF SP: only Firefox", PINS + ";\r\n max-age=100", false, false, true),
                row("unquoted report-uri", BASE + "; report-uri=https://r.example/", false, false, false),
                row("relative report-uri: Chrome needs an absolute URL", BASE + "; report-uri=\"/hpkp\"", true, false, true),
                row("space inside a directive name", BASE + "; max age=5", false, true, false),
                row("max-age with a lost closing quote: Chrome recovers", PINS + "; max-age=\"100", false, true, false),
                row("quoted max-age with spaces around '='", PINS + "; max-age = \"100\"", true, true, true));
    }

    static Stream<Arguments> reportOnly() {
        return Stream.of(
                row("report-only without max-age", PINS + "; " + R1, true, true, false),
                row("report-only without report-uri: Chrome drops it", PINS, true, false, false),
                row("report-only with max-age", BASE + "; " + R1, true, true, false),
                row("report-only with a malformed max-age", PINS + "; max-age=abc; " + R1, false, false, false));
    }

    private static Arguments row(String rule, String value, boolean rfc, boolean chrome, boolean firefox) {
        return Arguments.of(rule, value, rfc, chrome, firefox);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enforcing")
    void enforcingHeader(String rule, String value, boolean rfc, boolean chrome, boolean firefox) {
        assertValidity(value, false, rfc, chrome, firefox);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reportOnly")
    void reportOnlyHeader(String rule, String value, boolean rfc, boolean chrome, boolean firefox) {
        assertValidity(value, true, rfc, chrome, firefox);
    }

    private static void assertValidity(String value, boolean reportOnly, boolean rfc, boolean chrome, boolean firefox) {
        HeaderParse[] parses = {
                PkpHeaderParser.parse(UserAgent.RFC, value, reportOnly),
                PkpHeaderParser.parse(UserAgent.CHROME, value, reportOnly),
                PkpHeaderParser.parse(UserAgent.FIREFOX, value, reportOnly)};
        boolean[] expected = {rfc, chrome, firefox};
        for (int i = 0; i < 3; i++) {
            HeaderParse parse = parses[i];
            assertThat(parse.valid()).as(UserAgent.values()[i].label() + ": " + parse.error()).isEqualTo(expected[i]);
            assertThat(parse.error() == null).isEqualTo(parse.valid());
            assertThat(parse.header() != null).isEqualTo(parse.valid());
            if (!parse.valid()) {
                assertThat(parse.error()).doesNotContain("\n").isNotBlank();
            }
        }
    }
}
