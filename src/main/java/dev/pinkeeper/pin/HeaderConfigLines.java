package dev.pinkeeper.pin;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one line that makes nginx, Apache httpd or HAProxy send a response header on every response
 * (errors included), with the value escaped for each server so that the server sends exactly that
 * value. {@code pinkeeper header build} and the {@code headers-*.conf} snippets of every release both
 * print these lines.
 *
 * <p>Rules (each checked on the real servers by {@code ServerConfigLinesTest}):
 * <ul>
 * <li>All servers: the name is written unquoted, so it may only have letters, digits, {@code - _ .}
 *     (other HTTP token characters such as {@code # ' $ %} start comments, quotes or variables in
 *     some server's configuration); the value must be printable ASCII (U+0020 to U+007E);
 *     control characters (tab included) and non-ASCII are refused, so no line break, no byte a
 *     config reader turns into one, and no encoding question can reach a configuration file.</li>
 * <li>nginx: {@code add_header NAME 'VALUE' always;}. The config reader unescapes {@code \\},
 *     {@code \'} and {@code \"} and turns {@code \n}, {@code \r}, {@code \t} into control
 *     characters, so {@code \} is written {@code \\} and {@code '} as {@code \'}. A {@code $} is
 *     refused: add_header expands {@code $variables} and nginx has no escape for {@code $}.</li>
 * <li>Apache: {@code Header always set NAME "VALUE"}. mod_headers reads the value as a format
 *     string ({@code %x} specifiers, {@code \n}/{@code \t} escapes), so {@code %} becomes {@code %%}
 *     and {@code \} becomes {@code \\}; then the config reader's double quotes need {@code \\} and
 *     {@code \"}: a single {@code \} is written as four. Refused: <code>${</code> (the config reader
 *     substitutes {@code ${VARIABLE}} in every line and has no escape for it) and a value starting with
 *     {@code expr=} (mod_headers evaluates it as an expression).</li>
 * <li>HAProxy: {@code http-after-response set-header NAME "VALUE"}. The value is a log-format string,
 *     so {@code %} becomes {@code %%}; inside the config reader's double quotes {@code \},
 *     {@code "} and {@code $} (which would start {@code ${VARIABLE}}) are escaped with {@code \}.
 *     {@code http-after-response} (HAProxy 2.2 and later) is used rather than {@code http-response}
 *     because only it also applies to the responses HAProxy generates itself (errors such as 503
 *     when no server is up, redirects, {@code http-request return}, stats): a pin or HSTS header
 *     missing from those would be a response a browser sees without it.</li>
 * <li>HAProxy map file ({@code headers-haproxy.map} of every release): {@code NAME VALUE}. HAProxy
 *     reads a map line as a key, whitespace, then the rest of the line as the value, byte for byte: no
 *     quoting, no escape, no {@code %} or {@code $} expansion (only a line whose first non-blank
 *     character is {@code #} is a comment, and a header name cannot start with one). The frontend reads
 *     it through the {@link #haproxyFromMap(Path)} lines, so that a reload serves whatever release
 *     {@code live} names. Leading and trailing blanks of a value are dropped, as HTTP drops them.</li>
 * </ul>
 * A value that cannot be written throws {@link IllegalArgumentException} with one line naming the
 * header, the character and why.
 */
public final class HeaderConfigLines {
    /** Token characters that no server's config reader treats specially (no quote, comment or variable). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private HeaderConfigLines() {
    }

    /** {@code add_header NAME 'VALUE' always;} for a server or location block. */
    public static String nginx(String name, String value) {
        checked(name, value);
        int dollar = value.indexOf('$');
        if (dollar >= 0) {
            throw refused(name, value, dollar, "nginx", "add_header expands $variables and has no escape for '$'");
        }
        return "add_header " + name + " '" + value.replace("\\", "\\\\").replace("'", "\\'") + "' always;";
    }

    /** {@code Header always set NAME "VALUE"} (mod_headers) for a virtual host. */
    public static String apache(String name, String value) {
        checked(name, value);
        int variable = value.indexOf("${");
        if (variable >= 0) {
            throw refused(name, value, variable, "Apache", "its config reader substitutes ${VARIABLE} and has no escape for it");
        }
        if (value.startsWith("expr=")) {
            throw new IllegalArgumentException("header " + name + ": Apache cannot send a value starting with 'expr='"
                    + " (mod_headers evaluates it as an expression)");
        }
        String format = value.replace("\\", "\\\\").replace("%", "%%");
        return "Header always set " + name + " \"" + format.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code http-after-response set-header NAME "VALUE"} for a frontend (HAProxy 2.2 or later). */
    public static String haproxy(String name, String value) {
        checked(name, value);
        String quoted = value.replace("%", "%%").replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$");
        return "http-after-response set-header " + name + " \"" + quoted + "\"";
    }

    /**
     * The headers a frontend takes from a map file: pinkeeper writes their values, HAProxy sends each
     * one only while the map has an entry for it (report-only phase: no {@code Public-Key-Pins}).
     */
    public static final List<String> HAPROXY_MAP_HEADERS = List.of("Public-Key-Pins", "Public-Key-Pins-Report-Only",
            "Strict-Transport-Security");

    /** Characters a map path may have inside the frontend lines (no quote, comma, parenthesis or blank). */
    private static final Pattern MAP_PATH = Pattern.compile("/[A-Za-z0-9_./+@=:-]*");

    /** {@code NAME VALUE}: one line of an HAProxy map file (see the class description). */
    public static String haproxyMapEntry(String name, String value) {
        checked(name, value);
        if (value.isBlank()) {
            throw new IllegalArgumentException("header " + name + ": an HAProxy map entry needs a value");
        }
        return name + " " + value.strip();
    }

    /**
     * The lines to paste once into an HAProxy frontend (2.2 or later) instead of the headers: for each of
     * {@link #HAPROXY_MAP_HEADERS}, {@code http-after-response set-header NAME "%[str(NAME),map(MAP)]" if
     * { str(NAME),map(MAP) -m found }}. HAProxy reads {@code liveMap} (the site's
     * {@code live/headers-haproxy.map}) at start and at every reload, so each deployment's reload serves
     * that release's headers, and a header the release does not have is not sent.
     *
     * @param liveMap absolute path of the map through the site's {@code live} link
     * @throws IllegalArgumentException when the path is relative or has a character the lines cannot carry
     */
    public static List<String> haproxyFromMap(Path liveMap) {
        String map = liveMap.toString();
        if (!MAP_PATH.matcher(map).matches()) {
            throw new IllegalArgumentException("HAProxy map path must be absolute and have only letters, digits"
                    + " and '_ . / + @ = : -' to be written in a frontend line: " + HttpChars.show(map));
        }
        return HAPROXY_MAP_HEADERS.stream().map(name -> {
            String lookup = "str(" + name + "),map(" + map + ")";
            return "http-after-response set-header " + name + " \"%[" + lookup + "]\" if { " + lookup + " -m found }";
        }).toList();
    }

    /** {@link #nginx(String, String)} for a Public-Key-Pins header. */
    public static String nginx(PkpHeader header) {
        return nginx(header.name(), header.value());
    }

    /** {@link #apache(String, String)} for a Public-Key-Pins header. */
    public static String apache(PkpHeader header) {
        return apache(header.name(), header.value());
    }

    /** {@link #haproxy(String, String)} for a Public-Key-Pins header. */
    public static String haproxy(PkpHeader header) {
        return haproxy(header.name(), header.value());
    }

    private static void checked(String name, String value) {
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

    private static IllegalArgumentException refused(String name, String value, int index, String server, String why) {
        return new IllegalArgumentException("header " + name + ": " + server + " cannot send "
                + HttpChars.describe(value.charAt(index)) + " (character " + (index + 1) + " of the value): " + why);
    }
}
