package dev.pinkeeper.acme;

import java.io.IOException;
import java.security.KeyPair;
import java.util.List;

import org.shredzone.acme4j.util.CSRBuilder;

import dev.pinkeeper.files.Pem;

/**
 * PKCS#10 certificate requests signed by a given key pair, with every domain as a subject
 * alternative name (the first also as CN when it fits its 64 characters): what the {@link Issuer} sends, and what another ACME
 * client can be given ({@code certbot certonly --csr FILE}, {@code lego --csr}, {@code acme.sh --sign-csr})
 * so that it certifies the pinned key.
 */
public final class CertificateRequests {
    private CertificateRequests() {
    }

    /** The DER CSR (SHA-256 with RSA or ECDSA, by the key's type). */
    public static byte[] der(KeyPair key, List<String> domains) throws IssuanceException {
        List<String> names = Issuer.normalize(domains);
        CSRBuilder builder = new CSRBuilder();
        builder.addDomains(names);
        if (names.get(0).length() <= 64) {
            builder.setCommonName(names.get(0)); // X.520 ub-common-name; longer names live in the SANs only
        }
        try {
            builder.sign(key);
            return builder.getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new IssuanceException("cannot sign a CSR with the " + key.getPublic().getAlgorithm()
                    + " key: " + e.getMessage(), e);
        }
    }

    /** The CSR as a {@code CERTIFICATE REQUEST} PEM block. */
    public static String pem(KeyPair key, List<String> domains) throws IssuanceException {
        return Pem.block("CERTIFICATE REQUEST", der(key, domains));
    }
}
