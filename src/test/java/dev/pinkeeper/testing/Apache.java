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
import java.util.regex.Pattern;

/**
 * Apache httpd (event MPM) in the foreground ({@code apache2 -f CONF -DFOREGROUND}) with its own
 * ServerRoot, config, pid file, error log and mutexes under one directory, listening on loopback
 * ports; mod_ssl, mod_headers and mod_status come from /usr/lib/apache2/modules. Every request is
 * answered 200 by mod_status (no files to read: the children run as www-data when the tests run as
 * root, and cannot enter the tests' 0700 temp folders). Stopped by its PID on {@link #close()}.
 */
public final class Apache implements AutoCloseable {
    /** Where Debian's apache2 package puts the modules. */
    public static final Path MODULES = Path.of("/usr/lib/apache2/modules");
    private static final String ERROR_LOG = "error.log";
    private static final Pattern GRACEFUL = Pattern.compile("SIGUSR1 received\\.\\s+Doing graceful restart");

    private final Path config;
    private final LocalProcess process;

    private Apache(Path config, LocalProcess process) {
        this.config = config;
        this.process = process;
    }

    /**
     * Writes {@code httpd.conf} with a {@code Listen 127.0.0.1:PORT} for each of {@code ports} followed by
     * {@code body} (the virtual hosts), starts Apache and waits for the ports.
     */
    public static Apache start(Path dir, String body, int... ports) {
        try {
            Path config = writeConfig(dir, body, ports);
            LocalProcess process = LocalProcess.start("apache2", List.of(Programs.locate("apache2"), "-f",
                    config.toString(), "-DFOREGROUND"), Map.of(), dir, dir.resolve("stdout.log"));
            Apache apache = new Apache(config, process);
            try {
                process.awaitPorts(Duration.ofSeconds(20), ports);
            } catch (RuntimeException e) {
                throw new IllegalStateException(e.getMessage() + "\n" + apache.errorLog(), e);
            }
            return apache;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the {@code httpd.conf} that {@link #start} runs with, without starting Apache. */
    public static Path writeConfig(Path dir, String body, int... ports) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("httpd.conf");
        StringBuilder text = new StringBuilder()
                .append("ServerRoot ").append(dir).append('\n')
                .append("ServerName localhost\n")
                .append("PidFile ").append(dir.resolve("httpd.pid")).append('\n')
                .append("ErrorLog ").append(dir.resolve(ERROR_LOG)).append('\n')
                .append("LogLevel info\n")
                .append("Mutex file:").append(dir).append(" default\n")
                .append("DefaultRuntimeDir ").append(dir).append('\n');
        for (String module : List.of("mpm_event", "authz_core", "headers", "ssl", "status")) {
            text.append("LoadModule ").append(module).append("_module ")
                    .append(MODULES.resolve("mod_" + module + ".so")).append('\n');
        }
        if ("root".equals(System.getProperty("user.name"))) {
            text.append("User www-data\nGroup www-data\n"); // Apache does not serve as root
        }
        text.append("SSLSessionCache none\n<Location \"/\">\n  SetHandler server-status\n</Location>\n");
        for (int port : ports) {
            text.append("Listen 127.0.0.1:").append(port).append('\n');
        }
        text.append(body).append('\n');
        return Files.writeString(config, text);
    }

    /**
     * Apache serving the release {@code live} points at on {@code port}: a TLS virtual host with its
     * {@code fullchain.pem}, {@code privkey.pem} and {@code Include headers-apache.conf}, as a user configures it.
     */
    public static Apache servingRelease(Path dir, int port, Path live, String serverName) {
        return start(dir, releaseHost(port, live, serverName), port);
    }

    /** The TLS virtual host of {@link #servingRelease}: give it to {@link #writeConfig} or {@link #start}. */
    public static String releaseHost(int port, Path live, String serverName) {
        return """
                <VirtualHost 127.0.0.1:%d>
                  ServerName %s
                  SSLEngine on
                  SSLCertificateFile %s/fullchain.pem
                  SSLCertificateKeyFile %s/privkey.pem
                  Include %s/headers-apache.conf
                </VirtualHost>
                """.formatted(port, serverName, live, live, live);
    }

    /** The main config file. */
    public Path config() {
        return config;
    }

    /** The parent's PID (graceful restarts keep it). */
    public long parentPid() {
        return process.pid();
    }

    /** Whether the parent still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The current children (a graceful restart starts a new generation). */
    public Set<Long> childPids() {
        return ChildProcesses.of(process.pid());
    }

    /** How many graceful restarts the parent has received (its error log says "SIGUSR1 received"). */
    public int gracefulRestarts() {
        return (int) GRACEFUL.matcher(errorLog()).results().count();
    }

    /** The error log. */
    public String errorLog() {
        return LocalProcess.readLog(config.resolveSibling(ERROR_LOG));
    }

    /** Stops Apache by its PID (SIGTERM: the parent stops its children; SIGKILL after 10 s). */
    @Override
    public void close() {
        process.close();
    }
}
