package dev.pinkeeper.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The roots an issued chain must validate to: the site's CA root files, else the JDK's trust store. */
public final class TrustRoots {
    private TrustRoots() {
    }

    static List<X509Certificate> of(AcmeSettings settings) throws IOException {
        List<X509Certificate> roots = configured(settings);
        return roots.isEmpty() ? jdk() : roots;
    }

    /**
     * The roots of the CA root files the site's settings name (primary and backup CA): the only
     * roots its deployments then trust. Empty when they name none: deployments trust the JDK's
     * trust store, the public roots.
     *
     * @throws IOException (naming the file) if a named file cannot be read or holds no certificate
     */
    public static List<X509Certificate> configured(AcmeSettings settings) throws IOException {
        List<X509Certificate> roots = new ArrayList<>();
        for (Path file : files(settings)) {
            roots.addAll(read(file));
        }
        return roots;
    }

    /** The CA root files the site's settings name (primary CA first), none when it trusts the JDK's store. */
    public static List<Path> files(AcmeSettings settings) {
        List<Path> files = new ArrayList<>();
        for (CaSettings ca : new CaSettings[] {settings.primary(), settings.backup()}) {
            if (ca != null && ca.roots() != null) {
                files.add(Path.of(ca.roots()));
            }
        }
        return files;
    }

    static List<X509Certificate> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IOException(file + ": no certificate in it");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> jdk() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                    .flatMap(tm -> Arrays.stream(((X509TrustManager) tm).getAcceptedIssuers())).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK trust store is unreadable", e);
        }
    }
}
