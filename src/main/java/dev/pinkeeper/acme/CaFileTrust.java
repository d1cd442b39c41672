package dev.pinkeeper.acme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS that trusts exactly the CA certificates of one PEM file: for a test CA such as pebble, or a
 * private CA whose TLS is not in the JDK trust store.
 */
public final class CaFileTrust {
    private CaFileTrust() {
    }

    /** A TLS context whose trust anchors are the certificates in {@code caFile} (at least one). */
    public static SSLContext sslContext(Path caFile) throws IOException {
        return sslContext(trustManager(caFile));
    }

    /** A TLS context that trusts what {@code trust} trusts. */
    public static SSLContext sslContext(X509TrustManager trust) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A trust manager whose anchors are the certificates in {@code caFile} (at least one). */
    public static X509TrustManager trustManager(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IOException("no certificate in " + caFile);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                    .map(X509TrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new IOException("no X.509 trust manager for " + caFile));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust the CA certificates in " + caFile + ": " + e.getMessage(), e);
        }
    }
}
