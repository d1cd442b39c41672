package dev.pinkeeper.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A Debian {@code pebble} ACME test CA on free loopback ports. Every instance generates its own
 * root, so two instances are two CAs (a primary and a backup).
 *
 * <pre>{@code
 * try (Pebble pebble = Pebble.start(dir, Pebble.Options.alwaysValid())) {
 *     URI directory = pebble.directoryUrl(); Path trust = pebble.tlsCaFile();
 * }
 * }</pre>
 */
public final class Pebble implements AutoCloseable {
    /** How pebble validates challenges. */
    public record Options(boolean validateNothing, String dnsServer, int httpPort, int tlsPort) {
        /** Every challenge is valid without a request (the fastest way to get certificates). */
        public static Options alwaysValid() {
            return new Options(true, null, FreePorts.next(), FreePorts.next());
        }

        /**
         * Real validation: names resolve through {@code dnsServer} (host:port, e.g. a
         * {@link ChallTestSrv}), http-01 requests go to port {@code httpPort} of the resolved address.
         */
        public static Options realValidation(String dnsServer, int httpPort) {
            return new Options(false, dnsServer, httpPort, FreePorts.next());
        }
    }

    private final ExternalProcess process;
    private final int acmePort;
    private final int managementPort;
    private final Path tlsCaFile;
    private final HttpClient managementClient;

    private Pebble(ExternalProcess process, int acmePort, int managementPort, Path tlsCaFile) {
        this.process = process;
        this.acmePort = acmePort;
        this.managementPort = managementPort;
        this.tlsCaFile = tlsCaFile;
        this.managementClient = HttpClient.newBuilder().sslContext(sslContextTrusting(tlsCaFile))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Starts pebble with its files in {@code dir} and waits until both listeners accept connections. */
    public static Pebble start(Path dir, Options options) {
        try {
            Files.createDirectories(dir);
            Path ca = TestPki.writeLocalhostTls(dir);
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
                    dir.resolve("localhost-key.pem"), options.httpPort(), options.tlsPort()));
            List<String> command = new ArrayList<>(List.of("pebble", "-config", config.toString()));
            if (options.dnsServer() != null) {
                command.addAll(List.of("-dnsserver", options.dnsServer()));
            }
            Map<String, String> env = new HashMap<>();
            env.put("PEBBLE_VA_NOSLEEP", "1");
            env.put("PEBBLE_VA_ALWAYS_VALID", options.validateNothing() ? "1" : "0");
            env.put("PEBBLE_AUTHZREUSE", "0");
            ExternalProcess process = ExternalProcess.start("pebble", command, env, dir, dir.resolve("pebble.log"));
            Pebble pebble = new Pebble(process, acmePort, managementPort, ca);
            try {
                process.awaitPort(managementPort, Duration.ofSeconds(20));
                process.awaitPort(acmePort, Duration.ofSeconds(20));
            } catch (RuntimeException e) {
                pebble.close();
                throw e;
            }
            return pebble;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ACME directory URL. */
    public URI directoryUrl() {
        return URI.create("https://localhost:" + acmePort + "/dir");
    }

    /** The CA file that signed pebble's own TLS certificate (for the ACME client's trust). */
    public Path tlsCaFile() {
        return tlsCaFile;
    }

    /** The root that issues this instance's certificates, as PEM (management API {@code /roots/0}). */
    public String rootPem() {
        return management("/roots/0");
    }

    /** The root as a certificate. */
    public X509Certificate root() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(rootPem().getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException("pebble's root is not a certificate", e);
        }
    }

    /** Writes {@link #rootPem()} to {@code file} and returns it. */
    public Path writeRoot(Path file) {
        try {
            Files.writeString(file, rootPem());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String management(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + managementPort + path))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = managementClient.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("pebble " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("pebble management API " + path + ":\n" + process.logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** pebble's log so far (the end of it). */
    public String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.close();
    }

    /** An SSL context that trusts exactly the certificates in a PEM file. */
    public static SSLContext sslContextTrusting(Path pemFile) {
        try (var in = Files.newInputStream(pemFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust " + pemFile, e);
        }
    }
}
