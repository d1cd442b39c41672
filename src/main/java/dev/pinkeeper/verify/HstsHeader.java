package dev.pinkeeper.verify;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A Strict-Transport-Security value as RFC 6797 §6.1 reads it: {@code [directive] *(";" [directive])},
 * a directive being {@code token ["=" (token / quoted-string)]}, names case-insensitive. A user agent
 * ignores the whole header when a directive repeats, when max-age is missing or not delta-seconds, or
 * when the value does not follow the grammar; unknown directives are skipped. {@code preload} is the
 * hstspreload.org convention, not part of the RFC.
 *
 * @param valid             whether a user agent would use it
 * @param error             one line saying why not, or null
 * @param maxAge            max-age in seconds (saturated at Long.MAX_VALUE), or null when invalid
 * @param includeSubDomains whether includeSubDomains is present
 * @param preload           whether preload is present
 */
public record HstsHeader(boolean valid, String error, Long maxAge, boolean includeSubDomains, boolean preload) {
    /** The header field name. */
    public static final String NAME = "Strict-Transport-Security";

    /** Parses one header field value; never throws. */
    public static HstsHeader parse(String value) {
        return new Parser(value).parse();
    }

    private static HstsHeader invalid(String reason) {
        return new HstsHeader(false, reason, null, false, false);
    }

    private static final class Parser {
        private final String text;
        private final Set<String> seen = new HashSet<>();
        private int pos;
        private Long maxAge;
        private boolean includeSubDomains;
        private boolean preload;

        Parser(String text) {
            this.text = text == null ? "" : text;
        }

        HstsHeader parse() {
            while (true) {
                skipSpace();
                if (pos == text.length()) {
                    break;
                }
                if (text.charAt(pos) == ';') {
                    pos++;
                    continue;
                }
                String problem = directive();
                if (problem != null) {
                    return invalid(problem);
                }
            }
            if (maxAge == null) {
                return invalid("max-age is missing (required, RFC 6797 §6.1.1)");
            }
            return new HstsHeader(true, null, maxAge, includeSubDomains, preload);
        }

        private String directive() {
            int start = pos;
            while (pos < text.length() && tchar(text.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                return "unexpected '" + text.charAt(pos) + "' at offset " + pos;
            }
            String name = text.substring(start, pos).toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                return "directive " + name + " appears more than once";
            }
            skipSpace();
            String value = null;
            if (pos < text.length() && text.charAt(pos) == '=') {
                pos++;
                skipSpace();
                value = pos < text.length() && text.charAt(pos) == '"' ? quoted() : token();
                if (value == null) {
                    return "directive " + name + " has '=' but no valid value";
                }
            }
            skipSpace();
            if (pos < text.length() && text.charAt(pos) != ';') {
                return "unexpected '" + text.charAt(pos) + "' at offset " + pos + " after directive " + name;
            }
            switch (name) {
                case "max-age" -> {
                    if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        return "max-age is not a number of seconds: " + (value == null ? "no value" : value);
                    }
                    maxAge = value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
                }
                case "includesubdomains" -> {
                    if (value != null) {
                        return "includeSubDomains takes no value";
                    }
                    includeSubDomains = true;
                }
                case "preload" -> preload = true;
                default -> {
                    // RFC 6797 §6.1: unknown directives are ignored
                }
            }
            return null;
        }

        private String token() {
            int start = pos;
            while (pos < text.length() && tchar(text.charAt(pos))) {
                pos++;
            }
            return pos == start ? null : text.substring(start, pos);
        }

        private String quoted() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                out.append(c);
            }
            return null;
        }

        private void skipSpace() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private static boolean tchar(char c) {
            return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }
    }
}
