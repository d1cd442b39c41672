package dev.pinkeeper.server;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A server kind as the header lines name it: its JSON key, a short name, the heading of its lines (where in
 * its configuration they go) and its line for a header ({@link Nginx#headerLine}, …). Each server class owns
 * its own ({@link Nginx#HEADER}, {@link Apache#HEADER}, {@link Haproxy#HEADER}).
 */
public record HeaderServer(String key, String name, String heading, BiFunction<String, String, String> line) {
    /** nginx, Apache httpd and HAProxy, in that order. */
    public static List<HeaderServer> all() {
        return List.of(Nginx.HEADER, Apache.HEADER, Haproxy.HEADER);
    }

    /** This server's line for a header, or (line null) why it cannot send it (the header stays valid for the others). */
    public record Written(String line, String why) {
    }

    /** This server's line for header {@code name: value}, or why it cannot send it (one line). */
    public Written write(String name, String value) {
        try {
            return new Written(line.apply(name, value), null);
        } catch (IllegalArgumentException e) {
            return new Written(null, e.getMessage());
        }
    }
}
