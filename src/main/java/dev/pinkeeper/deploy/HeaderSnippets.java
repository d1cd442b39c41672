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

    /** HAProxy lines, for a frontend (HAProxy 2.2 or later). */
    public static String haproxy(List<Header> headers) {
        return lines(headers, HeaderConfigLines::haproxy);
    }

    private static String lines(List<Header> headers, BiFunction<String, String, String> line) {
        StringBuilder text = new StringBuilder();
        for (Header header : headers) {
            text.append(line.apply(header.name(), header.value())).append('\n');
        }
        return text.toString();
    }
}
