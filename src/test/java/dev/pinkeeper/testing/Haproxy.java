package dev.pinkeeper.testing;

import dev.pinkeeper.lifecycle.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HAProxy in master-worker mode in the foreground ({@code -W -db}) with its own config, pid file
 * and master CLI socket under one directory. The caller gives the sections after {@code global}
 * and {@code defaults}; {@link #start} waits for the given ports.
 */
public final class Haproxy implements AutoCloseable {
    private final Path dir;
    private final Path config;
    private final ExternalProcess process;

    private Haproxy(Path dir, Path config, ExternalProcess process) {
        this.dir = dir;
        this.config = config;
        this.process = process;
    }

    /** Writes {@code haproxy.cfg} around {@code sections}, starts HAProxy and waits for {@code ports}. */
    public static Haproxy start(Path dir, String sections, int... ports) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("haproxy.cfg");
            Files.writeString(config, """
                    global
                      log stderr format short local0 info
                      pidfile %s
                      tune.ssl.default-dh-param 2048
                    defaults
                      log global
                      mode http
                      timeout connect 5s
                      timeout client 10s
                      timeout server 10s
                    %s
                    """.formatted(dir.resolve("haproxy.pid"), sections));
            ExternalProcess process = ExternalProcess.start("haproxy", List.of(Programs.locate("haproxy"), "-W", "-db",
                    "-f", config.toString(), "-S", masterSocketOf(dir).toString()),
                    Map.of(), dir, dir.resolve("haproxy.log"));
            Haproxy haproxy = new Haproxy(dir, config, process);
            try {
                for (int port : ports) {
                    process.awaitPort(port, Duration.ofSeconds(20));
                }
            } catch (RuntimeException e) {
                haproxy.close();
                throw e;
            }
            return haproxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path masterSocketOf(Path dir) {
        return dir.resolve("master.sock");
    }

    /** The config file. */
    public Path config() {
        return config;
    }

    /** The master CLI socket (accepts {@code reload}). */
    public Path masterSocket() {
        return masterSocketOf(dir);
    }

    /** The master's PID. */
    public long masterPid() {
        return process.pid();
    }

    /** The current worker PIDs (a reload starts new ones). */
    public Set<Long> workerPids() {
        return ChildProcesses.of(process.pid());
    }

    /** HAProxy's log so far (the end of it). */
    public String log() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.close();
    }
}
