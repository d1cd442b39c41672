package dev.pinkeeper.pin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Set;

/**
 * RFC 7469 §2.1 as written, with the HTTP token and quoted-string of RFC 7230 §3.2.6:
 * <ul>
 * <li>{@code [ directive ] *( ";" [ directive ] )}, directive = {@code name [ "=" value ]}, value =
 * token / quoted-string; optional whitespace around {@code ;} and {@code =} (RFC 2616's implied
 * LWS, which the RFC's grammar inherits); empty directives are allowed. Anything else — a stray
 * character, an unterminated quoted-string, a control character — makes the header invalid
 * (§2.1 rule 4: "UAs MUST ignore any PKP header field containing directives, or other header
 * field value data, that do not conform").</li>
 * <li>Names are case-insensitive (rule 3); max-age, includeSubDomains and report-uri may appear at
 * most once (rule 2); unknown directives are ignored (rule 5).</li>
 * <li>{@code pin-} directives take a quoted-string (§2.1.1); a pin of an unknown hash algorithm
 * is ignored, and so is a pin-sha256 that is not base64 of 32 bytes: it cannot be the SHA-256
 * of anything, so it can never match.</li>
 * <li>max-age is delta-seconds, 1*DIGIT (§2.1.2), as token or quoted-string; it is required in
 * Public-Key-Pins and optional in Public-Key-Pins-Report-Only, whose pins are evaluated and
 * reported but never stored (§2.1, §2.3.2). A value too large to hold counts as 2^31 seconds
 * (RFC 7234 §1.2.1, where delta-seconds is defined).</li>
 * <li>includeSubDomains takes no value (§2.1.3); report-uri is a quoted-string holding a
 * URI-reference (§2.1.4).</li>
 * </ul>
 */
final class RfcHeaderRules {
    private final String value;
    private final boolean reportOnly;
    private final DirectiveSet directives = new DirectiveSet();
    private final Set<String> seen = new HashSet<>();
    private int pos;

    private RfcHeaderRules(String value, boolean reportOnly) {
        this.value = value;
        this.reportOnly = reportOnly;
    }

    static HeaderParse parse(String value, boolean reportOnly) {
        return new RfcHeaderRules(value, reportOnly).parse();
    }

    private HeaderParse parse() {
        try {
            while (true) {
                skipWhitespace();
                if (pos == value.length()) {
                    break;
                }
                if (value.charAt(pos) == ';') {
                    pos++;
                    continue;
                }
                directive();
            }
        } catch (Invalid e) {
            return HeaderParse.invalid(e.getMessage());
        }
        if (!reportOnly && !directives.maxAgeSeen) {
            return HeaderParse.invalid("max-age is missing (required in Public-Key-Pins)");
        }
        return directives.toResult(reportOnly, directives.capped(UserAgent.RFC.maxAgeCap()));
    }

    private void directive() {
        int start = pos;
        while (pos < value.length() && HttpChars.isTchar(value.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new Invalid("unexpected " + HttpChars.describe(value.charAt(pos)) + " at offset " + pos
                    + " where a directive name should start");
        }
        String name = value.substring(start, pos);
        skipWhitespace();
        String directiveValue = null;
        boolean quoted = false;
        if (pos < value.length() && value.charAt(pos) == '=') {
            pos++;
            skipWhitespace();
            if (pos < value.length() && value.charAt(pos) == '"') {
                directiveValue = quotedString();
                quoted = true;
            } else {
                int valueStart = pos;
                while (pos < value.length() && HttpChars.isTchar(value.charAt(pos))) {
                    pos++;
                }
                if (pos == valueStart) {
                    throw new Invalid("directive " + HttpChars.show(name) + " has '=' but no token or quoted-string value");
                }
                directiveValue = value.substring(valueStart, pos);
            }
        }
        skipWhitespace();
        if (pos < value.length() && value.charAt(pos) != ';') {
            throw new Invalid("unexpected " + HttpChars.describe(value.charAt(pos)) + " at offset " + pos
                    + " after directive " + HttpChars.show(name) + " (expected ';')");
        }
        apply(name, directiveValue, quoted);
    }

    private void apply(String name, String directiveValue, boolean quoted) {
        if (AsciiCase.equal(name, "max-age")) {
            once("max-age");
            Long seconds = directiveValue == null ? null : DeltaSeconds.parse(directiveValue);
            if (seconds == null) {
                throw new Invalid("max-age " + (directiveValue == null ? "has no value"
                        : "value " + HttpChars.show(directiveValue) + " is not delta-seconds (digits only)"));
            }
            directives.maxAge = seconds;
            directives.maxAgeSeen = true;
        } else if (AsciiCase.equal(name, "includeSubDomains")) {
            once("includeSubDomains");
            if (directiveValue != null) {
                throw new Invalid("includeSubDomains takes no value");
            }
            directives.includeSubDomains = true;
        } else if (AsciiCase.equal(name, "report-uri")) {
            once("report-uri");
            if (!quoted) {
                throw new Invalid("report-uri needs a quoted-string value");
            }
            if (uriReferenceProblem(directiveValue) != null) {
                throw new Invalid("report-uri " + HttpChars.show(directiveValue) + " is not a URI-reference");
            }
            directives.reportUri = directiveValue;
        } else if (AsciiCase.startsWith(name, "pin-")) {
            if (!quoted) {
                throw new Invalid(HttpChars.show(name) + " needs a quoted-string value");
            }
            if (!AsciiCase.equal(name, "pin-sha256")) {
                directives.warnings.add("ignored " + HttpChars.show(name) + ": unknown hash algorithm");
                return;
            }
            Pin pin = PinBase64.pin(directiveValue);
            if (pin == null) {
                directives.warnings.add("ignored pin-sha256=" + HttpChars.show(directiveValue)
                        + ": not base64 of a 32-byte SHA-256 digest");
            } else {
                directives.addPin(pin);
            }
        } else {
            directives.warnings.add("ignored unknown directive " + HttpChars.show(name));
        }
    }

    private void once(String name) {
        if (!seen.add(name)) {
            throw new Invalid(name + " appears more than once");
        }
    }

    /** Reads a quoted-string at {@code pos} and returns its content with quoted-pairs resolved. */
    private String quotedString() {
        StringBuilder content = new StringBuilder();
        pos++;
        while (pos < value.length()) {
            char c = value.charAt(pos++);
            if (c == '"') {
                return content.toString();
            }
            if (c == '\\') {
                if (pos == value.length()) {
                    break;
                }
                char escaped = value.charAt(pos++);
                if (!HttpChars.isQuotedPairChar(escaped)) {
                    throw new Invalid(HttpChars.describe(escaped) + " cannot follow '\\' in a quoted-string");
                }
                content.append(escaped);
            } else if (HttpChars.isQdtext(c)) {
                content.append(c);
            } else {
                throw new Invalid(HttpChars.describe(c) + " is not allowed in a quoted-string");
            }
        }
        throw new Invalid("unterminated quoted-string");
    }

    private void skipWhitespace() {
        while (pos < value.length() && (value.charAt(pos) == ' ' || value.charAt(pos) == '\t')) {
            pos++;
        }
    }

    /** Ends parsing: the header does not conform. */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Why {@code text} is not a URI-reference (RFC 3986, the report-uri grammar of §2.1.4), or null when it is one. */
    static String uriReferenceProblem(String text) {
        try {
            new URI(text);
            return null;
        } catch (URISyntaxException e) {
            return e.getReason();
        }
    }
}
