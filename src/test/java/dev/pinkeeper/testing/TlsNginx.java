package dev.pinkeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pinkeeper.rehearse.LocalNginx;
import dev.pinkeeper.testing.TestPki.Cert;

/**
 * A real nginx serving HTTPS on 127.0.0.1 for tests: one server block per {@link Site}, each on its own
 * free port, with its own certificate chain and {@code add_header ... always} lines. Runs as the
 * rehearsal's {@link LocalNginx} (config, pid, log and temp files under the given directory), stopped by
 * its PID on {@link #close()}.
 *
 * <pre>{@code
 * try (TlsNginx nginx = TlsNginx.start(dir, List.of(
 *         TlsNginx.site("good", leaf, intermediate).header("Public-Key-Pins", value)))) {
 *     int port = nginx.port("good");
 * }
 * }</pre>
 */
public final class TlsNginx implements AutoCloseable {
    private final LocalNginx nginx;
    private final Map<String, Integer> ports;

    private TlsNginx(LocalNginx nginx, Map<String, Integer> ports) {
        this.nginx = nginx;
        this.ports = ports;
    }

    /** A server block: the chain to serve (leaf first), its headers and optional raw directives. */
    public record Site(String name, List<Cert> chain, List<String[]> headers, String directives, boolean tls) {
        /** Adds {@code add_header NAME 'VALUE' always;}. */
        public Site header(String headerName, String value) {
            List<String[]> more = new ArrayList<>(headers);
            more.add(new String[] {headerName, value});
            return new Site(name, chain, more, directives, tls);
        }

        /** Replaces the default {@code location / { return 200 "ok\n"; }} with these server-level directives. */
        public Site directives(String text) {
            return new Site(name, chain, headers, text, tls);
        }

        /** Serves plain HTTP on this port (no TLS). */
        public Site plainHttp() {
            return new Site(name, chain, headers, directives, false);
        }
    }

    /** A TLS server block named {@code name} serving {@code chain} (the leaf's key is its key pair's). */
    public static Site site(String name, Cert... chain) {
        return new Site(name, List.of(chain), List.of(), "location / { return 200 \"ok\\n\"; }", true);
    }

    /** Writes the config and certificates under {@code dir}, starts nginx and waits until every port answers. */
    public static TlsNginx start(Path dir, List<Site> sites) {
        try {
            Path home = Files.createDirectories(dir.resolve("nginx"));
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            Map<String, Integer> ports = new LinkedHashMap<>();
            StringBuilder servers = new StringBuilder();
            for (Site site : sites) {
                int port = FreePorts.next();
                ports.put(site.name(), port);
                servers.append("  server {\n    listen 127.0.0.1:").append(port).append(site.tls() ? " ssl" : "")
                        .append(";\n");
                if (site.tls()) {
                    Path chain = home.resolve(site.name() + "-fullchain.pem");
                    Files.writeString(chain, TestPki.pem(site.chain().stream().map(Cert::certificate)
                            .toArray(java.security.cert.X509Certificate[]::new)));
                    Path key = privateKey(home.resolve(site.name() + "-key.pem"), site.chain().get(0));
                    servers.append("    ssl_certificate ").append(chain).append(";\n    ssl_certificate_key ")
                            .append(key).append(";\n");
                }
                for (String[] header : site.headers()) {
                    servers.append("    add_header ").append(header[0]).append(" '").append(quote(header[1]))
                            .append("' always;\n");
                }
                servers.append("    ").append(site.directives()).append("\n  }\n");
            }
            return new TlsNginx(LocalNginx.start(home, servers.toString(),
                    ports.values().stream().mapToInt(Integer::intValue).toArray()), Map.copyOf(ports));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port of the server block named {@code name}. */
    public int port(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalArgumentException("no site " + name);
        }
        return port;
    }

    /** The nginx master process id. */
    public long pid() {
        return nginx.masterPid();
    }

    /** Stops nginx by its PID (SIGTERM, then SIGKILL if it lingers). */
    @Override
    public void close() {
        nginx.close();
    }

    /** Writes the private key of {@code leaf} as PKCS#8 PEM to {@code file}, mode 0600. */
    public static Path privateKey(Path file, Cert leaf) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, TestPki.pkcs8Pem(leaf.keyPair().getPrivate()));
    }

    /** Escapes a value for an nginx single-quoted string. */
    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }
}
