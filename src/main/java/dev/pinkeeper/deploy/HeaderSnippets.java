package dev.pinkeeper.deploy;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

import dev.pinkeeper.server.Apache;
import dev.pinkeeper.server.Haproxy;
import dev.pinkeeper.server.Nginx;

/**
 * The {@code headers-*} files of a release: one header line of each server kind ({@link Nginx},
 * {@link Apache}, {@link Haproxy}) per header, so a release sends exactly what
 * {@code pinkeeper header build} prints for the same header. A value one server cannot be made to send
 * does not stop a release for another
 * server: that server's file is then written so that its configuration test fails ({@link #render}),
 * and never lets it serve the release without the header. A deployment to that server is refused
 * before anything is written ({@link #problem}).
 */
public final class HeaderSnippets {
    private HeaderSnippets() {
    }

    /** One snippet file: its server, how a header becomes a line, and what makes the server refuse it. */
    private enum Snippet {
        NGINX(Release.NGINX_HEADERS, Nginx::headerLine, Nginx.REFUSED_FILE),
        APACHE(Release.APACHE_HEADERS, Apache::headerLine, Apache.REFUSED_FILE),
        HAPROXY(Release.HAPROXY_HEADERS, Haproxy::headerLine, Haproxy.REFUSED_FILE),
        /** A map file has no line HAProxy refuses: it is left out, and the frontend that reads it fails to load. */
        HAPROXY_MAP(Release.HAPROXY_MAP, Haproxy::mapEntry, null);

        final String file;
        final BiFunction<String, String, String> line;
        final String refused;

        Snippet(String file, BiFunction<String, String, String> line, String refused) {
            this.file = file;
            this.line = line;
            this.refused = refused;
        }

        String lines(List<Header> headers) {
            StringBuilder text = new StringBuilder();
            for (Header header : headers) {
                text.append(line.apply(header.name(), header.value())).append('\n');
            }
            return text.toString();
        }
    }

    /** nginx lines, for an {@code include} in a server block. */
    public static String nginx(List<Header> headers) {
        return Snippet.NGINX.lines(headers);
    }

    /** Apache httpd (mod_headers) lines, for an {@code Include} in a virtual host. */
    public static String apache(List<Header> headers) {
        return Snippet.APACHE.lines(headers);
    }

    /**
     * HAProxy lines, for a frontend (HAProxy 2.2 or later). HAProxy has no include in a frontend, so
     * these lines only show what the release sends: a deployment with {@code --target haproxy} needs
     * the frontend to read {@link #haproxyMap} instead.
     */
    public static String haproxy(List<Header> headers) {
        return Snippet.HAPROXY.lines(headers);
    }

    /**
     * The HAProxy map file ({@code NAME VALUE} per header) that the frontend lines of
     * {@link Haproxy#linesReadingMap} read through {@code live}.
     */
    public static String haproxyMap(List<Header> headers) {
        return Snippet.HAPROXY_MAP.lines(headers);
    }

    /**
     * Why the server reading the release file {@code file} cannot send {@code headers} (one line naming
     * the server, the header and the character), or empty when it can.
     */
    public static Optional<String> problem(String file, List<Header> headers) {
        for (Snippet snippet : Snippet.values()) {
            if (snippet.file.equals(file)) {
                try {
                    snippet.lines(headers);
                    return Optional.empty();
                } catch (IllegalArgumentException e) {
                    return Optional.of(e.getMessage());
                }
            }
        }
        throw new IllegalArgumentException("not a header file of a release: " + file);
    }

    /**
     * Every header file of a release by name: the lines for each server; for a server that cannot send
     * one of the headers, a file its configuration test refuses (the map is then left out).
     */
    static SortedMap<String, String> render(List<Header> headers) {
        SortedMap<String, String> files = new TreeMap<>();
        for (Snippet snippet : Snippet.values()) {
            try {
                files.put(snippet.file, snippet.lines(headers));
            } catch (IllegalArgumentException e) {
                if (snippet.refused != null) {
                    files.put(snippet.file, snippet.refused);
                }
            }
        }
        return files;
    }
}
