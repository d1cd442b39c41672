package dev.pinkeeper.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Apache httpd's processes as Linux's {@code /proc} shows them. A graceful restart ({@code -k graceful},
 * SIGUSR1) returns at once; the parent then re-reads its configuration and certificates, starts a new
 * generation of children and tells the old ones to close their listening sockets and finish the
 * connections they hold. Until every old child has closed its listeners a new client can still be
 * accepted by one with the old certificate and headers, so the restart is complete only when the
 * children that hold a listening socket are all new ones. Children carry no title of their own: what
 * tells an accepting child from a finishing one is whether it still holds a listening socket.
 */
final class ApacheProcesses {
    private ApacheProcesses() {
    }

    /**
     * The running parent whose id the pid file holds, if any: a process of the same program as
     * {@code apache2} (a pid file left behind by a crash may name an unrelated process by now).
     */
    static OptionalLong parent(Path pidFile, String apache2) {
        String program = Path.of(apache2).getFileName().toString();
        String name = program.substring(0, Math.min(15, program.length()));
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcFs.running(pid) && ProcFs.name(pid).equals(name) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
