package dev.pinkeeper.pin;

/**
 * The line that makes nginx, Apache httpd or HAProxy send a header, quoted for each
 * configuration language.
 *
 * <p>Only values without {@code $ % ' \ { }} backquote and control characters can be written
 * safely in all three (nginx expands {@code $var}, Apache {@code ${VAR}} and {@code %} formats,
 * HAProxy {@code %} log-format tags and {@code ${VAR}}); {@link HeaderBuilder} refuses others, and
 * these methods throw for them. The double quotes of {@code pin-sha256="…"} are escaped as
 * {@code \"} inside the double-quoted Apache and HAProxy strings and kept as they are inside
 * nginx's single-quoted one.
 */
public final class HeaderConfigLines {
    private static final String UNSAFE = "$%'\\{}`";

    private HeaderConfigLines() {
    }

    /** {@code add_header NAME 'VALUE' always;} */
    public static String nginx(PkpHeader header) {
        return "add_header " + header.name() + " '" + safe(header.value()) + "' always;";
    }

    /** {@code Header always set NAME "VALUE"} (mod_headers). */
    public static String apache(PkpHeader header) {
        return "Header always set " + header.name() + " \"" + safe(header.value()).replace("\"", "\\\"") + "\"";
    }

    /** {@code http-response set-header NAME "VALUE"} */
    public static String haproxy(PkpHeader header) {
        return "http-response set-header " + header.name() + " \"" + safe(header.value()).replace("\"", "\\\"") + "\"";
    }

    /** The first character of {@code text} that a server configuration would interpret, or -1. */
    public static int unsafeChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || UNSAFE.indexOf(c) >= 0) {
                return c;
            }
        }
        return -1;
    }

    private static String safe(String value) {
        int c = unsafeChar(value);
        if (c >= 0) {
            throw new IllegalArgumentException(HttpChars.describe((char) c)
                    + " cannot be written safely in a server configuration");
        }
        return value;
    }
}
