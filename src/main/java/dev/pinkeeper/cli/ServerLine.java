package dev.pinkeeper.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.pinkeeper.pin.HeaderConfigLines;
import dev.pinkeeper.pin.PkpHeader;

/**
 * One server's configuration line for printing a header: the JSON key, a short name, a heading, and the line from
 * {@link HeaderConfigLines}, or why that server cannot send the value (the header stays valid for the others).
 */
record ServerLine(String key, String name, String heading, Function<PkpHeader, String> line) {
    /** nginx, Apache httpd and HAProxy, in that order. */
    static final List<ServerLine> ALL = List.of(
            new ServerLine("nginx", "nginx", "nginx (server or location block)", HeaderConfigLines::nginx),
            new ServerLine("apache", "Apache", "Apache httpd (mod_headers)", HeaderConfigLines::apache),
            new ServerLine("haproxy", "HAProxy", "HAProxy 2.2 or later (frontend)", HeaderConfigLines::haproxy));

    /** The line, or a {@code # cannot be written: …} comment saying why. */
    String lineOrComment(PkpHeader header) {
        String why = whyNot(header);
        return why == null ? line.apply(header) : "# cannot be written: " + why;
    }

    /** Why this server cannot send the header (one line), or null when it can. */
    String whyNot(PkpHeader header) {
        try {
            line.apply(header);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Each server's line (null when it cannot send the header, or no header) and {@code "unwritable": {server: why}}. */
    static Map<String, Object> jsonFields(PkpHeader header) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, String> unwritable = new LinkedHashMap<>();
        for (ServerLine server : ALL) {
            String why = header == null ? null : server.whyNot(header);
            json.put(server.key(), header == null || why != null ? null : server.line().apply(header));
            if (why != null) {
                unwritable.put(server.key(), why);
            }
        }
        json.put("unwritable", unwritable);
        return json;
    }
}
