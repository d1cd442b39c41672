package dev.pinkeeper.deploy;

import dev.pinkeeper.server.Apache;
import dev.pinkeeper.server.Haproxy;
import dev.pinkeeper.server.Nginx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.pinkeeper.pin.Pin;

/**
 * One deployment, as written by {@link ReleaseStore#create}: a directory named by its UTC creation
 * time holding, per certified key, {@code cert.pem}, {@code chain.pem}, {@code fullchain.pem},
 * {@code privkey.pem} (0600) and the HAProxy bundle {@code haproxy.pem} (0600), plus the header
 * snippets {@value #NGINX_HEADERS}, {@value #APACHE_HEADERS}, {@value #HAPROXY_HEADERS} and the map {@value #HAPROXY_MAP}. With an
 * RSA and an ECDSA key, the PEM names carry {@code -rsa} / {@code -ecdsa} and the bundles are
 * {@code haproxy.pem.rsa} / {@code haproxy.pem.ecdsa} (HAProxy loads both for {@code crt haproxy.pem});
 * the first key (the one served before the second was added) also keeps the plain PEM names, so that a
 * server configured for one key goes on serving it until its config names both.
 *
 * @param name      the directory name (a UTC timestamp such as {@code 20261122T193300.123Z})
 * @param directory the release directory
 */
public record Release(String name, Path directory) {
    /** nginx header snippet: {@code include} it in the server block. */
    public static final String NGINX_HEADERS = Nginx.HEADERS_FILE;
    /** Apache httpd header snippet: {@code Include} it in the virtual host. */
    public static final String APACHE_HEADERS = Apache.HEADERS_FILE;
    /** HAProxy header lines for the frontend. */
    public static final String HAPROXY_HEADERS = Haproxy.HEADERS_FILE;
    /** The HAProxy map file of the headers ({@code NAME VALUE} lines) that the frontend reads through {@code live}. */
    public static final String HAPROXY_MAP = Haproxy.MAP_FILE;

    /** A file of the release by name. */
    public Path file(String fileName) {
        return directory.resolve(fileName);
    }

    /** The full chains in the release (one per certified key), leaf first. */
    public List<List<X509Certificate>> chains() throws IOException {
        List<List<X509Certificate>> chains = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("fullchain(-rsa|-ecdsa)?\\.pem"))
                    .sorted().toList()) {
                chains.add(readCertificates(file));
            }
        }
        if (chains.isEmpty()) {
            throw new IOException("release " + directory + " holds no fullchain.pem");
        }
        return chains;
    }

    /** The pins of the leaf keys in the release. */
    public Set<Pin> leafPins() throws IOException {
        Set<Pin> pins = new LinkedHashSet<>();
        for (List<X509Certificate> chain : chains()) {
            pins.add(Pin.ofSpki(chain.get(0).getPublicKey().getEncoded()));
        }
        return pins;
    }

    static List<X509Certificate> readCertificates(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a certificate file");
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IOException(file + " holds no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IOException(file + ": unreadable certificate (" + e.getMessage() + ")", e);
        }
    }
}
