package dev.pinkeeper.deploy;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every chain of the release validates (RFC 5280 path validation, no revocation lookup) from its
 * leaf through the served intermediates to one of the given trust anchors, now.
 */
public final class PkixCheck implements ReleaseCheck {
    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    /** Validates against {@code roots} (the CA roots the clients trust). */
    public PkixCheck(List<X509Certificate> roots) {
        this(roots, Clock.systemUTC());
    }

    PkixCheck(List<X509Certificate> roots, Clock clock) {
        this.anchors = roots.stream().map(root -> new TrustAnchor(root, null)).collect(Collectors.toSet());
        this.clock = clock;
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("PKIX validation needs at least one trust anchor");
        }
    }

    @Override
    public void check(Release release) throws ReleaseCheckException, IOException {
        for (List<X509Certificate> chain : release.chains()) {
            try {
                PKIXParameters parameters = new PKIXParameters(anchors);
                parameters.setRevocationEnabled(false);
                parameters.setDate(Date.from(clock.instant()));
                CertPathValidator.getInstance("PKIX").validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
            } catch (CertPathValidatorException e) {
                throw new ReleaseCheckException("the chain of " + chain.get(0).getSubjectX500Principal().getName()
                        + " does not validate: " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new ReleaseCheckException("cannot validate the chain: " + e.getMessage(), e);
            }
        }
    }
}
