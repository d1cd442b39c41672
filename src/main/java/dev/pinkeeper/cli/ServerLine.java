package dev.pinkeeper.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.server.Apache;
import dev.pinkeeper.server.Haproxy;
import dev.pinkeeper.server.Nginx;

/**
 * One server's configuration line for printing a header: the JSON key, a short name, a heading, and the line from
 * the server package ({@link Nginx#headerLine}, …), or why that server cannot send the value (the header stays valid for the others).
 */
record ServerLine(String key, String name, String heading, BiFunction<String, String, String> line) {
    /** nginx, Apache httpd and HAProxy, in that order. */
    static final List<ServerLine> ALL = List.of(
            new ServerLine("nginx", "nginx", "nginx (server or location block)", Nginx::headerLine),
            new ServerLine("apache", "Apache", "Apache httpd (mod_headers)", Apache::headerLine),
            new ServerLine("haproxy", "HAProxy", "HAProxy 2.2 or later (frontend)", Haproxy::headerLine));

    /** This server's line for a header, or (line null) why it cannot send it. */
    record Written(String line, String why) {
        /** The line, or a {@code # cannot be written: …} comment saying why. */
        String lineOrComment() {
            return why == null ? line : "# cannot be written: " + why;
        }
    }

    /** Renders the header's line once: the line, or why this server cannot send the header (one line). */
    Written write(PkpHeader header) {
        try {
            return new Written(line.apply(header.name(), header.value()), null);
        } catch (IllegalArgumentException e) {
            return new Written(null, e.getMessage());
        }
    }

    /** The line, or a {@code # cannot be written: …} comment saying why. */
    String lineOrComment(PkpHeader header) {
        return write(header).lineOrComment();
    }

    /**
     * Each server's line for a header (null when it cannot send it, or without a header), and why each one that
     * cannot send it cannot: the JSON fields {@code nginx}, {@code apache}, {@code haproxy} and {@code unwritable}.
     */
    record Lines(String nginx, String apache, String haproxy, Map<String, String> unwritable) {
        /** The lines of {@code header} (null: no header, every line null). */
        static Lines of(PkpHeader header) {
            Map<String, String> lines = new LinkedHashMap<>();
            Map<String, String> unwritable = new LinkedHashMap<>();
            for (ServerLine server : ALL) {
                Written written = header == null ? new Written(null, null) : server.write(header);
                lines.put(server.key(), written.line());
                if (written.why() != null) {
                    unwritable.put(server.key(), written.why());
                }
            }
            return new Lines(lines.get("nginx"), lines.get("apache"), lines.get("haproxy"), unwritable);
        }
    }

    /** {@link Lines} as a map, in the same order: each server's line and {@code "unwritable": {server: why}}. */
    static Map<String, Object> jsonFields(PkpHeader header) {
        Lines lines = Lines.of(header);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nginx", lines.nginx());
        json.put("apache", lines.apache());
        json.put("haproxy", lines.haproxy());
        json.put("unwritable", lines.unwritable());
        return json;
    }
}
