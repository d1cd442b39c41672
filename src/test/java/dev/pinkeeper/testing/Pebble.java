package dev.pinkeeper.testing;

import dev.pinkeeper.rehearse.LocalPebble;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A Debian {@code pebble} ACME test CA on free loopback ports, for tests: a thin layer over the
 * rehearsal's {@link LocalPebble} (one way to run pebble, in main sources) that turns checked
 * exceptions into unchecked ones. Every instance generates its own root, so two instances are two
 * CAs (a primary and a backup).
 *
 * <pre>{@code
 * try (Pebble pebble = Pebble.start(dir, Pebble.Options.alwaysValid())) {
 *     URI directory = pebble.directoryUrl(); Path trust = pebble.tlsCaFile();
 * }
 * }</pre>
 */
public final class Pebble implements AutoCloseable {
    /**
     * The {@code issue} options for {@code pebble}: its directory and TLS trust, the roots its chains
     * validate to, and an http-01 webroot (created here: issue refuses a webroot that does not exist).
     */
    public static List<String> issueOptions(LocalPebble pebble, Path root, Path webroot) {
        try {
            java.nio.file.Files.createDirectories(webroot);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.of("--directory", pebble.directoryUrl().toString(), "--acme-trust",
                pebble.tlsCaFile().toString(), "--roots", root.toString(), "--webroot", webroot.toString());
    }

    /** How pebble validates challenges. */
    public record Options(boolean validateNothing, String dnsServer, int httpPort) {
        /** Every challenge is valid without a request (the fastest way to get certificates). */
        public static Options alwaysValid() {
            return new Options(true, null, FreePorts.next());
        }

        /**
         * Real validation: names resolve through {@code dnsServer} (host:port, e.g. a
         * {@link ChallTestSrv}), http-01 requests go to port {@code httpPort} of the resolved address.
         */
        public static Options realValidation(String dnsServer, int httpPort) {
            return new Options(false, dnsServer, httpPort);
        }
    }

    private final LocalPebble pebble;

    private Pebble(LocalPebble pebble) {
        this.pebble = pebble;
    }

    /** Starts pebble with its files in {@code dir} and waits until both listeners accept connections. */
    public static Pebble start(Path dir, Options options) {
        try {
            return new Pebble(LocalPebble.start(dir, options.validateNothing() ? null : options.dnsServer(),
                    options.httpPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ACME directory URL. */
    public URI directoryUrl() {
        return pebble.directoryUrl();
    }

    /** The CA file that signed pebble's own TLS certificate (for the ACME client's trust). */
    public Path tlsCaFile() {
        return pebble.tlsCaFile();
    }

    /** The root that issues this instance's certificates, as PEM (management API {@code /roots/0}). */
    public String rootPem() {
        try {
            return pebble.rootPem();
        } catch (IOException e) {
            throw new UncheckedIOException("pebble management API /roots/0:\n" + pebble.logTail(), e);
        }
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
            return pebble.writeRoot(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** pebble's log so far (the end of it). */
    public String logTail() {
        return pebble.logTail();
    }

    @Override
    public void close() {
        pebble.close();
    }
}
