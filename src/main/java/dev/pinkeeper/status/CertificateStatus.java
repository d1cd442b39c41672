package dev.pinkeeper.status;

import java.time.Instant;

import dev.pinkeeper.acme.RenewalWindow;

/**
 * The latest certificate issued for a current key.
 *
 * @param keyId    the key it certifies
 * @param subject  the leaf's subject, or null when there is no certificate
 * @param notAfter when it expires, or null when there is no certificate
 * @param renewal  when {@code renew} renews it (the default window: the last third of its lifetime; a CA's
 *                 renewal information may move it earlier), or null when there is no certificate
 */
public record CertificateStatus(String keyId, String subject, Instant notAfter, RenewalWindow renewal) {
    /** Whether the key has a certificate. */
    public boolean issued() {
        return notAfter != null;
    }
}
