package dev.pinkeeper.acme;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/** Test helper: does a chain validate to a given root (JDK PKIX, no revocation)? */
final class Chains {
    private Chains() {
    }

    static boolean validatesTo(List<X509Certificate> chain, X509Certificate root) {
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
