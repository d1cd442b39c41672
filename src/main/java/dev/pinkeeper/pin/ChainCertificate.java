package dev.pinkeeper.pin;

import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.security.auth.x500.X500Principal;

/**
 * One certificate of a served or validated chain, with its SPKI pin.
 *
 * @param subject     the subject distinguished name (RFC 2253)
 * @param pin         the SHA-256 pin of its SubjectPublicKeyInfo
 * @param pinned      whether the pin set being checked contains {@code pin}
 * @param certificate the certificate itself
 */
public record ChainCertificate(String subject, Pin pin, boolean pinned, X509Certificate certificate) {
    /** Describes {@code certificate}; {@code pinned} when {@code pins} holds its pin. */
    public static ChainCertificate of(X509Certificate certificate, Collection<Pin> pins) {
        Pin pin = Pin.ofSpki(certificate.getPublicKey().getEncoded());
        return new ChainCertificate(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                pin, pins.contains(pin), certificate);
    }

    /** Whether the certificate is its own issuer (a root). */
    public boolean selfIssued() {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }
}
