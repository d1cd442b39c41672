package dev.pinkeeper.deploy;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and the certificate chain issued for it, leaf first.
 *
 * @param chain the leaf, then the intermediates
 * @param key   the leaf's private key
 */
public record CertifiedKey(List<X509Certificate> chain, PrivateKey key) {
    public CertifiedKey {
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf");
        }
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** {@code rsa} or {@code ecdsa}: the file-name suffix when a release holds both kinds. */
    public String kind() {
        return leaf().getPublicKey().getAlgorithm().equals("RSA") ? "rsa" : "ecdsa";
    }
}
