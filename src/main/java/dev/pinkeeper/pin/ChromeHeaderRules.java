package dev.pinkeeper.pin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chromium's parsing of Public-Key-Pins (ParseHPKPHeader) and Public-Key-Pins-Report-Only
 * (ParseHPKPReportOnlyHeader + TransportSecurityState::ProcessHPKPReportOnlyHeader) as of the
 * Chrome 5x–6x releases that enforced HPKP, net/http/http_security_headers.cc:
 * <ul>
 * <li>The value is split at {@code ;} by HttpUtil::ValuesIterator, whose tokenizer honours both
 * {@code "} and {@code '} as quotes (with backslash escapes inside them); empty items and
 * surrounding spaces/tabs are skipped. Each item goes through NameValuePairsIterator
 * (values optional, quotes NOT_STRICT): an item starting with {@code =}, a quote before the
 * first {@code =}, or {@code name=} with nothing after it makes the whole header invalid.</li>
 * <li>A value whose opening quote has no matching closing quote is "gracefully" taken without the
 * opening quote and counts as unquoted; a quoted value is unquoted by HttpUtil::Unquote
 * (backslash escapes resolved).</li>
 * <li>max-age (case-insensitive, like every name): digits only (ParseUint32: no sign, no
 * spaces; leading zeros fine; quoted or not); a value above 2^32-1 is not an error but counts as
 * the cap; the cap is kMaxHPKPAgeSecs, 60 days. A repeated max-age: the last one wins.</li>
 * <li>pin-sha256: must be quoted ("Pins are always quoted"), non-empty, padded base64 of exactly 32
 * bytes, else the whole header is invalid. pin-sha1 and other names are unknown directives:
 * ignored. includeSubDomains is accepted with or without a value, any number of times.</li>
 * <li>report-uri: must be quoted and a valid, non-empty URL (GURL; approximated here by an
 * absolute URI, with a host for http and https); the last one wins.</li>
 * <li>Public-Key-Pins requires max-age. For the report-only header max-age is optional and
 * "irrelevant" (parsed, so a malformed one still invalidates the header, then ignored — the
 * effective max-age is null), and a header without a usable report-uri is dropped.</li>
 * </ul>
 */
final class ChromeHeaderRules {
    private ChromeHeaderRules() {
    }

    static HeaderParse parse(String value, boolean reportOnly) {
        DirectiveSet directives = new DirectiveSet();
        for (String item : splitItems(value)) {
            int equals = item.indexOf('=');
            if (equals == 0) {
                return HeaderParse.invalid("directive without a name: " + HttpChars.show(item));
            }
            if (equals > 0 && hasQuote(item, equals)) {
                return HeaderParse.invalid("quote before '=' in " + HttpChars.show(item));
            }
            String name = trimLws(equals < 0 ? item : item.substring(0, equals));
            String raw = equals < 0 ? "" : trimLws(item.substring(equals + 1));
            if (equals > 0 && raw.isEmpty()) {
                return HeaderParse.invalid("directive " + HttpChars.show(name) + " has '=' but an empty value");
            }
            boolean quoted = false;
            String directiveValue = raw;
            if (!raw.isEmpty() && isQuote(raw.charAt(0))) {
                if (raw.length() == 1 || raw.charAt(raw.length() - 1) != raw.charAt(0)) {
                    directiveValue = raw.substring(1);
                } else {
                    quoted = true;
                    directiveValue = unquote(raw);
                }
            }
            String error = apply(directives, name, directiveValue, quoted);
            if (error != null) {
                return HeaderParse.invalid(error);
            }
        }
        if (reportOnly) {
            if (directives.reportUri == null) {
                return HeaderParse.invalid("Chrome ignores a Public-Key-Pins-Report-Only header without report-uri");
            }
            return directives.toResult(true, null);
        }
        if (!directives.maxAgeSeen) {
            return HeaderParse.invalid("max-age is missing (required in Public-Key-Pins)");
        }
        return directives.toResult(false, directives.capped(UserAgent.CHROME.maxAgeCap()));
    }

    private static String apply(DirectiveSet directives, String name, String directiveValue, boolean quoted) {
        if (AsciiCase.equal(name, "max-age")) {
            Long seconds = DeltaSeconds.parse(directiveValue);
            if (seconds == null) {
                return "max-age value " + HttpChars.show(directiveValue) + " is not an unsigned number";
            }
            directives.maxAge = seconds;
            directives.maxAgeSeen = true;
        } else if (AsciiCase.equal(name, "pin-sha256")) {
            if (!quoted) {
                return "pin-sha256 value " + HttpChars.show(directiveValue) + " is not quoted";
            }
            Pin pin = PinBase64.pin(directiveValue);
            if (pin == null) {
                return "pin-sha256 value " + HttpChars.show(directiveValue) + " is not base64 of 32 bytes";
            }
            directives.addPin(pin);
        } else if (AsciiCase.equal(name, "includeSubDomains")) {
            directives.includeSubDomains = true;
        } else if (AsciiCase.equal(name, "report-uri")) {
            if (!quoted) {
                return "report-uri value " + HttpChars.show(directiveValue) + " is not quoted";
            }
            if (!isValidUrl(directiveValue)) {
                return "report-uri " + HttpChars.show(directiveValue) + " is not a valid absolute URL";
            }
            directives.reportUri = directiveValue;
        } else {
            directives.warnings.add("ignored unknown directive " + HttpChars.show(name));
        }
        return null;
    }

    /** HttpUtil::ValuesIterator over ';': quote-aware split, LWS trimmed, empty items skipped. */
    static List<String> splitItems(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        char quote = 0;
        boolean escape = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (escape) {
                    escape = false;
                } else if (c == '\\') {
                    escape = true;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == ';') {
                addTrimmed(items, item);
                continue;
            } else if (isQuote(c)) {
                quote = c;
            }
            item.append(c);
        }
        addTrimmed(items, item);
        return items;
    }

    private static void addTrimmed(List<String> items, StringBuilder item) {
        String trimmed = trimLws(item.toString());
        if (!trimmed.isEmpty()) {
            items.add(trimmed);
        }
        item.setLength(0);
    }

    /** HttpUtil::Unquote: drop the surrounding quotes and resolve backslash escapes. */
    private static String unquote(String quoted) {
        StringBuilder out = new StringBuilder();
        boolean escape = false;
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && !escape) {
                escape = true;
                continue;
            }
            escape = false;
            out.append(c);
        }
        return out.toString();
    }

    private static boolean hasQuote(String item, int end) {
        for (int i = 0; i < end; i++) {
            if (isQuote(item.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** HttpUtil::IsQuote: double and single quote marks. */
    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    /** HttpUtil::TrimLWS: spaces and tabs at both ends. */
    private static String trimLws(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Approximates GURL::is_valid() && !is_empty(): an absolute URI; http(s) needs a host. */
    static boolean isValidUrl(String text) {
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute()) {
                return false;
            }
            String scheme = uri.getScheme();
            boolean web = AsciiCase.equal(scheme, "http") || AsciiCase.equal(scheme, "https");
            return !web || uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
