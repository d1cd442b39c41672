package dev.pinkeeper.acme;

import java.net.URL;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.pinkeeper.pin.Pin;

/**
 * A certificate the CA issued: the chain as served, leaf first, and where the CA keeps it.
 *
 * @param chain    leaf, then the intermediates (the root is not part of an ACME chain)
 * @param location the certificate's URL at the CA
 */
public record IssuedCertificate(List<X509Certificate> chain, URL location) {
    public IssuedCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an issued certificate chain is never empty");
        }
    }

    /** The end-entity certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The intermediates after the leaf. */
    public List<X509Certificate> intermediates() {
        return chain.subList(1, chain.size());
    }

    /** The leaf's SPKI pin (the pin of the key the certificate was issued for). */
    public Pin leafPin() {
        return Pin.ofSpki(leaf().getPublicKey().getEncoded());
    }
}
