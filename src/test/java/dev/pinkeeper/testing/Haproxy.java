package dev.pinkeeper.testing;

import dev.pinkeeper.lifecycle.Programs;
import dev.pinkeeper.rehearse.LocalProcess;
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
    private final LocalProcess process;

    private Haproxy(Path dir, Path config, LocalProcess process) {
        this.dir = dir;
        this.config = config;
        this.process = process;
    }

    /** Writes {@code haproxy.cfg} around {@code sections}, starts HAProxy and waits for {@code ports}. */
    public static Haproxy start(Path dir, String sections, int... ports) {
        try {
            Path config = writeConfig(dir, sections);
            LocalProcess process = LocalProcess.start("haproxy", List.of(Programs.locate("haproxy"), "-W", "-db",
                    "-f", config.toString(), "-S", masterSocketOf(dir).toString()),
                    Map.of(), dir, dir.resolve("haproxy.log"));
            process.awaitPorts(Duration.ofSeconds(20), ports);
            return new Haproxy(dir, config, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * HAProxy serving one site over TLS on {@code port}: the certificates of {@code live/haproxy.pem}, the
     * headers of {@code live/headers-haproxy.map} (the lines of {@link #headersFromMap}), 200 "ok" to everything.
     */
    public static Haproxy site(Path dir, int port, Path live) {
        Path absolute = live.toAbsolutePath().normalize();
        return start(dir, """
                frontend site
                  bind 127.0.0.1:%d ssl crt %s/haproxy.pem
                %s
                  http-request return status 200 content-type text/plain string ok
                """.formatted(port, absolute, headersFromMap(absolute.resolve("headers-haproxy.map"))), port);
    }

    /**
     * Writes {@code dir/haproxy.cfg}: {@code global} (log to stderr, pid file {@code dir/haproxy.pid})
     * and {@code defaults} (HTTP mode, short timeouts), then {@code sections}.
     */
    public static Path writeConfig(Path dir, String sections) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("haproxy.cfg"), """
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
    }

    /**
     * The frontend lines that send the headers of {@code liveMap} (a site's {@code live/headers-haproxy.map}),
     * indented for a frontend: what a user pastes once ({@link dev.pinkeeper.server.Haproxy#linesReadingMap}).
     */
    public static String headersFromMap(Path liveMap) {
        return String.join("\n", dev.pinkeeper.server.Haproxy.linesReadingMap(liveMap).stream().map(line -> "  " + line).toList());
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
