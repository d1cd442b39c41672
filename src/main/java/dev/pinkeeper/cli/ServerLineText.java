package dev.pinkeeper.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.server.HeaderLines;
import dev.pinkeeper.server.HeaderServer;

/** Renders the servers' lines for a header ({@link HeaderServer}, {@link HeaderLines}) as text and as JSON fields. */
final class ServerLineText {
    private ServerLineText() {
    }

    /** The line, or a {@code # cannot be written: …} comment saying why. */
    static String lineOrComment(HeaderServer.Written written) {
        return written.why() == null ? written.line() : "# cannot be written: " + written.why();
    }

    /** {@code server}'s line for {@code header}, or the comment saying why it cannot send it. */
    static String lineOrComment(HeaderServer server, PkpHeader header) {
        return lineOrComment(server.write(header.name(), header.value()));
    }

    /** The lines of {@code header} (null: no header, every line null). */
    static HeaderLines lines(PkpHeader header) {
        return header == null ? HeaderLines.of(null, null) : HeaderLines.of(header.name(), header.value());
    }

    /** {@link HeaderLines} as a map, in the same order: each server's line and {@code "unwritable": {server: why}}. */
    static Map<String, Object> jsonFields(PkpHeader header) {
        HeaderLines lines = lines(header);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nginx", lines.nginx());
        json.put("apache", lines.apache());
        json.put("haproxy", lines.haproxy());
        json.put("unwritable", lines.unwritable());
        return json;
    }
}
