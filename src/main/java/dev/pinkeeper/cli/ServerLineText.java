package dev.pinkeeper.cli;

import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.server.HeaderLines;
import dev.pinkeeper.server.HeaderServer;

/**
 * Renders the servers' lines for a header ({@link HeaderServer}) as text; in JSON they are {@link HeaderLines}
 * itself.
 */
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
}
