package dev.pinkeeper.deploy;

import java.util.List;

/**
 * The configuration lines that make nginx, Apache httpd and HAProxy send a list of headers on
 * every response (also on errors), with the values quoted for each server's config syntax.
 */
public final class HeaderSnippets {
    private HeaderSnippets() {
    }

    /** nginx: {@code add_header Name "value" always;} per header, for an {@code include} in a server block. */
    public static String nginx(List<Header> headers) {
        StringBuilder text = new StringBuilder();
        for (Header header : headers) {
            if (header.value().contains("$")) {
                throw new IllegalArgumentException("nginx would expand '$' in the value of " + header.name());
            }
            text.append("add_header ").append(header.name()).append(' ')
                    .append(quoted(header.value())).append(" always;\n");
        }
        return text.toString();
    }

    /**
     * Apache httpd (mod_headers): {@code Header always set Name "value"} per header, for an {@code Include}
     * in a virtual host; {@code %} is doubled because mod_headers reads {@code %x} as a format specifier
     * (a report-uri with {@code %2F} would not load otherwise).
     */
    public static String apache(List<Header> headers) {
        StringBuilder text = new StringBuilder();
        for (Header header : headers) {
            text.append("Header always set ").append(header.name()).append(' ')
                    .append(quoted(header.value().replace("%", "%%"))).append('\n');
        }
        return text.toString();
    }

    /**
     * HAProxy: {@code http-after-response set-header Name "value"} per header, for a frontend (also on
     * responses HAProxy generates itself); {@code %}
     * is doubled because HAProxy reads the value as a log-format string.
     */
    public static String haproxy(List<Header> headers) {
        StringBuilder text = new StringBuilder();
        for (Header header : headers) {
            text.append("http-after-response set-header ").append(header.name()).append(' ')
                    .append(quoted(header.value().replace("%", "%%"))).append('\n');
        }
        return text.toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
