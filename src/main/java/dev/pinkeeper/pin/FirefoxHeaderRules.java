package dev.pinkeeper.pin;

import java.util.ArrayList;
import java.util.List;

/**
 * Firefox's parsing of Public-Key-Pins: nsSecurityHeaderParser (the RFC 2616 grammar, strictly)
 * followed by nsSiteSecurityService::ParseSSSHeaders and ProcessPKPHeader:
 * <ul>
 * <li>{@code directive *( ";" directive )}, each directive {@code LWS name LWS [ "=" LWS value LWS ]}
 * where the name is zero or more token characters (so empty directives, and even a nameless
 * {@code =x}, are allowed and ignored), the value a token or a quoted-string; LWS is spaces and tabs,
 * optionally after CRLF. If the value after {@code =} is neither, it is simply empty. Any input left
 * over — a stray character, a non-ASCII byte, an unterminated quoted-string — invalidates the
 * header. The header is a C string: it ends at the first NUL.</li>
 * <li>A quoted-string keeps its backslashes: {@code "a\"b"} has the value {@code a\"b}.</li>
 * <li>max-age: at most once, digits only, required; too large a number saturates (NSPR's
 * {@code %llu}); the cap is the pref security.cert_pinning.max_max_age_seconds, 60 days by default.
 * includeSubDomains: at most once, without a value (an empty {@code includeSubDomains=} passes).
 * report-uri: at most once; its value is never used (Firefox sent no reports).</li>
 * <li>pin-sha256: base64 of exactly 32 bytes or the whole header is invalid. Unquoted base64 cannot
 * pass: {@code /} and {@code =} are separators, so the header fails to parse. Other names,
 * pin-sha1 included, are ignored.</li>
 * <li>Public-Key-Pins-Report-Only is not implemented: Firefox ignores it entirely.</li>
 * </ul>
 */
final class FirefoxHeaderRules {
    private final String input;
    private int pos;
    private boolean error;
    private final StringBuilder output = new StringBuilder();

    private FirefoxHeaderRules(String value) {
        int nul = value.indexOf('\0');
        this.input = nul < 0 ? value : value.substring(0, nul);
    }

    static HeaderParse parse(String value, boolean reportOnly) {
        if (reportOnly) {
            return HeaderParse.invalid("Firefox does not implement Public-Key-Pins-Report-Only");
        }
        FirefoxHeaderRules parser = new FirefoxHeaderRules(value);
        List<String[]> parsed = parser.header();
        if (parser.error || parser.pos < parser.input.length()) {
            return HeaderParse.invalid("could not parse the header (" + (parser.pos < parser.input.length()
                    ? "unexpected " + HttpChars.describe(parser.input.charAt(parser.pos)) + " at offset " + parser.pos
                    : "unterminated quoted-string or line folding") + ")");
        }
        return interpret(parsed);
    }

    private static HeaderParse interpret(List<String[]> parsed) {
        DirectiveSet directives = new DirectiveSet();
        boolean reportUriSeen = false;
        for (String[] directive : parsed) {
            String name = directive[0];
            String value = directive[1];
            if (AsciiCase.equal(name, "max-age")) {
                if (directives.maxAgeSeen) {
                    return HeaderParse.invalid("max-age appears more than once");
                }
                Long seconds = DeltaSeconds.parse(value);
                if (seconds == null) {
                    return HeaderParse.invalid("max-age value " + HttpChars.show(value) + " is not a number of seconds");
                }
                directives.maxAge = seconds;
                directives.maxAgeSeen = true;
            } else if (AsciiCase.equal(name, "includeSubDomains")) {
                if (directives.includeSubDomains) {
                    return HeaderParse.invalid("includeSubDomains appears more than once");
                }
                if (!value.isEmpty()) {
                    return HeaderParse.invalid("includeSubDomains takes no value");
                }
                directives.includeSubDomains = true;
            } else if (AsciiCase.equal(name, "pin-sha256")) {
                Pin pin = PinBase64.pin(value);
                if (pin == null) {
                    return HeaderParse.invalid("pin-sha256 value " + HttpChars.show(value) + " is not base64 of 32 bytes");
                }
                directives.addPin(pin);
            } else if (AsciiCase.equal(name, "report-uri")) {
                if (reportUriSeen) {
                    return HeaderParse.invalid("report-uri appears more than once");
                }
                reportUriSeen = true;
                directives.reportUri = value;
            } else if (!name.isEmpty() || !value.isEmpty()) {
                directives.warnings.add("ignored unknown directive " + HttpChars.show(name));
            }
        }
        if (!directives.maxAgeSeen) {
            return HeaderParse.invalid("max-age is missing (required in Public-Key-Pins)");
        }
        return directives.toResult(false, directives.capped(UserAgent.FIREFOX.maxAgeCap()));
    }

    private List<String[]> header() {
        List<String[]> directives = new ArrayList<>();
        directives.add(directive());
        while (!error && accept(';')) {
            directives.add(directive());
        }
        return directives;
    }

    private String[] directive() {
        lwsMultiple();
        output.setLength(0);
        token();
        String name = output.toString();
        String value = "";
        lwsMultiple();
        if (accept('=')) {
            lwsMultiple();
            output.setLength(0);
            if (acceptTokenChar()) {
                token();
                value = output.toString();
            } else if (accept('"')) {
                output.setLength(0);
                quotedString();
                value = output.toString();
                expect('"');
            }
            lwsMultiple();
        }
        return new String[] {name, value};
    }

    private void token() {
        while (acceptTokenChar()) {
            // consumed into output
        }
    }

    private void quotedString() {
        while (true) {
            if (acceptIf(FirefoxHeaderRules::isQuotedText)) {
                while (acceptIf(FirefoxHeaderRules::isQuotedText)) {
                    // consumed into output
                }
            } else if (accept('\\')) {
                acceptIf(c -> c <= 127);
            } else {
                return;
            }
        }
    }

    private void lwsMultiple() {
        while (true) {
            if (accept('\r')) {
                expect('\n');
                if (!(accept(' ') || accept('\t'))) {
                    error = true;
                }
                lws();
            } else if (accept(' ') || accept('\t')) {
                lws();
            } else {
                return;
            }
        }
    }

    private void lws() {
        while (accept(' ') || accept('\t')) {
            // consumed
        }
    }

    private boolean acceptTokenChar() {
        return acceptIf(FirefoxHeaderRules::isTokenChar);
    }

    private boolean accept(char expected) {
        return acceptIf(c -> c == expected);
    }

    /** Consumes the current character (NUL at the end) if {@code test} holds; NUL itself is an error. */
    private boolean acceptIf(java.util.function.IntPredicate test) {
        char c = pos < input.length() ? input.charAt(pos) : 0;
        if (!test.test(c)) {
            return false;
        }
        if (c == 0) {
            error = true;
        } else {
            output.append(c);
            pos++;
        }
        return true;
    }

    private void expect(char expected) {
        if (!accept(expected)) {
            error = true;
        }
    }

    /** Octets 33–126 except the RFC 2616 separators {@code ()<>@,;:\"/[]?={}}. */
    private static boolean isTokenChar(int c) {
        return c >= 33 && c <= 126 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /** 9, 10, 13 and 32–126 except {@code "} and {@code \}. */
    private static boolean isQuotedText(int c) {
        return c >= 32 && c <= 126 && c != '"' && c != '\\' || c == 9 || c == 10 || c == 13;
    }
}
