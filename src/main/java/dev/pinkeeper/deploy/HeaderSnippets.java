package dev.pinkeeper.deploy;

import java.util.List;
import java.util.function.BiFunction;

import dev.pinkeeper.pin.HeaderConfigLines;

/**
 * The {@code headers-*.conf} snippets of a release: one {@link HeaderConfigLines} line per header, so
 * a release sends exactly what {@code pinkeeper header build} prints for the same header. Throws
 * {@link IllegalArgumentException} for a value a server cannot be made to send (see
 * {@link HeaderConfigLines}).
 */
public final class HeaderSnippets {
    private HeaderSnippets() {
    }

    /** nginx lines, for an {@code include} in a server block. */
    public static String nginx(List<Header> headers) {
        return lines(headers, HeaderConfigLines::nginx);
    }

    /** Apache httpd (mod_headers) lines, for an {@code Include} in a virtual host. */
    public static String apache(List<Header> headers) {
        return lines(headers, HeaderConfigLines::apache);
    }

    /**
     * HAProxy lines, for a frontend (HAProxy 2.2 or later). HAProxy has no include in a frontend, so
     * these lines only show what the release sends: a deployment with {@code --target haproxy} needs
     * the frontend to read {@link #haproxyMap} instead.
     */
    public static String haproxy(List<Header> headers) {
        return lines(headers, HeaderConfigLines::haproxy);
    }

    /**
     * The HAProxy map file ({@code NAME VALUE} per header) that the frontend lines of
     * {@link HeaderConfigLines#haproxyFromMap} read through {@code live}.
     */
    public static String haproxyMap(List<Header> headers) {
        return lines(headers, HeaderConfigLines::haproxyMapEntry);
    }

    private static String lines(List<Header> headers, BiFunction<String, String, String> line) {
        StringBuilder text = new StringBuilder();
        for (Header header : headers) {
            text.append(line.apply(header.name(), header.value())).append('\n');
        }
        return text.toString();
    }
}
