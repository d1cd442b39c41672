package dev.pinkeeper.server;

import dev.pinkeeper.pin.HttpChars;
import java.util.regex.Pattern;

/**
 * What every server's header line needs: a name written unquoted (letters, digits, {@code - _ .}: other
 * HTTP token characters such as {@code # ' $ %} start comments, quotes or variables in some server's
 * configuration) and a value of printable ASCII (U+0020 to U+007E): no control character (tab
 * included), no non-ASCII, so no line break, no byte a config reader turns into one, and no encoding
 * question can reach a configuration file. Each server kind ({@link Nginx}, {@link Apache},
 * {@link Haproxy}) adds its own escaping on top.
 */
final class HeaderLineRules {
    /** Token characters that no server's config reader treats specially (no quote, comment or variable). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private HeaderLineRules() {
    }

    /** Throws {@link IllegalArgumentException} naming the header when no server can carry the name or value. */
    static void check(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a header name a server configuration can carry unquoted"
                    + " (letters, digits, '-', '_', '.'): " + HttpChars.show(name));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw refused(name, value, i, "a server configuration", "only printable ASCII is written");
            }
        }
    }

    /** One line: {@code server} cannot send the character at {@code index} of {@code value}, and why. */
    static IllegalArgumentException refused(String name, String value, int index, String server, String why) {
        return new IllegalArgumentException("header " + name + ": " + server + " cannot send "
                + HttpChars.describe(value.charAt(index)) + " (character " + (index + 1) + " of the value): " + why);
    }
}
