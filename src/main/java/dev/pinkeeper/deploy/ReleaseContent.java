package dev.pinkeeper.deploy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one release holds: one certified key, or two of different kinds (an RSA and an ECDSA key
 * served side by side); the headers to send; and optional Diffie-Hellman parameters (PEM) for the
 * HAProxy bundle.
 *
 * @param certificates one or two certified keys, at most one per {@link CertifiedKey#kind()}
 * @param headers      response headers for the server snippets (may be empty)
 * @param dhParams     {@code DH PARAMETERS} PEM text, or null
 */
public record ReleaseContent(List<CertifiedKey> certificates, List<Header> headers, String dhParams) {
    public ReleaseContent {
        certificates = List.copyOf(certificates);
        headers = List.copyOf(headers);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a release needs a certificate");
        }
        if (dhParams != null && !dhParams.contains("-----BEGIN DH PARAMETERS-----")) {
            throw new IllegalArgumentException("DH parameters must be a PEM DH PARAMETERS block");
        }
        Set<String> kinds = new HashSet<>();
        for (CertifiedKey certificate : certificates) {
            if (!kinds.add(certificate.kind())) {
                throw new IllegalArgumentException("a release holds at most one " + certificate.kind() + " certificate");
            }
        }
    }

    /** One certified key with headers and no DH parameters. */
    public static ReleaseContent of(CertifiedKey certificate, List<Header> headers) {
        return new ReleaseContent(List.of(certificate), headers, null);
    }
}
