package dev.pinkeeper.rehearse;

import dev.pinkeeper.acme.CaFileTrust;
import dev.pinkeeper.lifecycle.Programs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Debian {@code pebble} ACME test CA on free loopback ports. Every instance generates its own root,
 * so two instances are two CAs (a primary and a backup).
 *
 * <pre>{@code
 * try (LocalPebble pebble = LocalPebble.start(Path.of("/tmp/ca1"), null)) {
 *     URI directory = pebble.directoryUrl(); Path trust = pebble.tlsCaFile(); String root = pebble.rootPem();
 * }
 * }</pre>
 */
public final class LocalPebble implements AutoCloseable {
    private final LocalProcess process;
    private final int acmePort;
    private final int managementPort;
    private final Path tlsCaFile;
    private final HttpClient managementClient;

    private LocalPebble(LocalProcess process, int acmePort, int managementPort, Path tlsCaFile,
            HttpClient managementClient) {
        this.process = process;
        this.acmePort = acmePort;
        this.managementPort = managementPort;
        this.tlsCaFile = tlsCaFile;
        this.managementClient = managementClient;
    }

    /**
     * Starts pebble with its files in {@code dir} and waits until it listens.
     *
     * @param dnsServer null: every challenge is valid without a request; else {@code host:port} of the DNS
     *                  server pebble resolves names with, and challenges are really validated
     * @param httpPort  where pebble sends http-01 requests
     */
    public static LocalPebble start(Path dir, String dnsServer, int httpPort) throws IOException {
        Files.createDirectories(dir);
        Path ca = LocalTlsCa.writeLocalhost(dir);
        HttpClient managementClient = HttpClient.newBuilder().sslContext(CaFileTrust.sslContext(ca))
                .connectTimeout(Duration.ofSeconds(5)).build();
        int acmePort = FreePorts.next();
        int managementPort = FreePorts.next();
        Path config = dir.resolve("pebble-config.json");
        Files.writeString(config, """
                {"pebble": {
                  "listenAddress": "127.0.0.1:%d",
                  "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s",
                  "privateKey": "%s",
                  "httpPort": %d,
                  "tlsPort": %d,
                  "ocspResponderURL": "",
                  "externalAccountBindingRequired": false
                }}
                """.formatted(acmePort, managementPort, dir.resolve("localhost.pem"),
                dir.resolve("localhost-key.pem"), httpPort, FreePorts.next()));
        List<String> command = new ArrayList<>(List.of(Programs.locate("pebble"), "-config", config.toString()));
        if (dnsServer != null) {
            command.addAll(List.of("-dnsserver", dnsServer));
        }
        Map<String, String> env = new HashMap<>();
        env.put("PEBBLE_VA_NOSLEEP", "1");
        env.put("PEBBLE_VA_ALWAYS_VALID", dnsServer == null ? "1" : "0");
        env.put("PEBBLE_AUTHZREUSE", "0");
        LocalProcess process = LocalProcess.start("pebble", command, env, dir, dir.resolve("pebble.log"));
        process.awaitPorts(Duration.ofSeconds(20), managementPort, acmePort);
        return new LocalPebble(process, acmePort, managementPort, ca, managementClient);
    }

    /** The ACME directory URL. */
    public URI directoryUrl() {
        return URI.create("https://localhost:" + acmePort + "/dir");
    }

    /** The CA file that signed pebble's own TLS certificate (for the ACME client's trust). */
    public Path tlsCaFile() {
        return tlsCaFile;
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** The root that issues this instance's certificates, as PEM (management API {@code /roots/0}). */
    public String rootPem() throws IOException {
        return management("/roots/0");
    }

    private String management(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + managementPort + path))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = managementClient.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("pebble " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * What pebble records about the certificate with this serial (management API
     * {@code /cert-status-by-serial/HEX}): its JSON, e.g. {@code {"Status":"Revoked","Reason":1,…}}.
     */
    public String certificateStatus(java.math.BigInteger serial) throws IOException {
        return management("/cert-status-by-serial/" + serial.toString(16));
    }

    /** Writes {@link #rootPem()} to {@code file} and returns it. */
    public Path writeRoot(Path file) throws IOException {
        Files.writeString(file, rootPem());
        return file;
    }

    /** pebble's log so far (the end of it). */
    public String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.close();
    }
}
