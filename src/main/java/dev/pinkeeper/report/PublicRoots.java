package dev.pinkeeper.report;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Set;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import dev.pinkeeper.pin.Pin;

/**
 * The public roots a browser trusts out of the box, by the pin of their public key; a validated
 * chain that ends elsewhere ends at a root someone added locally: the site's own private CA
 * ({@link SitePlan#roots()}), or else an interception proxy, antivirus, a corporate proxy's root.
 */
public final class PublicRoots {
    private final Set<Pin> pins;

    private PublicRoots(Set<Pin> pins) {
        this.pins = Set.copyOf(pins);
    }

    /** The roots of the JDK's default trust store. */
    public static PublicRoots jdk() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            Set<Pin> pins = new HashSet<>();
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate root : x509.getAcceptedIssuers()) {
                        pins.add(Pin.ofSpki(root.getPublicKey().getEncoded()));
                    }
                }
            }
            return new PublicRoots(pins);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK trust store", e);
        }
    }

    /** Exactly the roots whose key pins are {@code pins} (tests, private PKIs). */
    public static PublicRoots of(Set<Pin> pins) {
        return new PublicRoots(pins);
    }

    /** Whether a root with this key pin is public. */
    public boolean isPublic(Pin rootKey) {
        return pins.contains(rootKey);
    }

    /** How many public roots there are. */
    public int size() {
        return pins.size();
    }
}
