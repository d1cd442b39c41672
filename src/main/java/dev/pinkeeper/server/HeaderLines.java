package dev.pinkeeper.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each server's line for one header (null when it cannot send it, or without a header), and why each one that
 * cannot send it cannot, by {@link HeaderServer#key()}.
 */
public record HeaderLines(String nginx, String apache, String haproxy, Map<String, String> unwritable) {
    /** The lines of header {@code name: value} (value null: no header, every line null). */
    public static HeaderLines of(String name, String value) {
        Map<String, String> lines = new LinkedHashMap<>();
        Map<String, String> unwritable = new LinkedHashMap<>();
        for (HeaderServer server : HeaderServer.all()) {
            HeaderServer.Written written = value == null ? new HeaderServer.Written(null, null) : server.write(name, value);
            lines.put(server.key(), written.line());
            if (written.why() != null) {
                unwritable.put(server.key(), written.why());
            }
        }
        return new HeaderLines(lines.get(Nginx.HEADER.key()), lines.get(Apache.HEADER.key()),
                lines.get(Haproxy.HEADER.key()), unwritable);
    }
}
