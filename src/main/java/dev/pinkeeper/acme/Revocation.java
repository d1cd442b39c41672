package dev.pinkeeper.acme;

import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * Revokes certificates at one ACME CA with the reason {@code keyCompromise} (RFC 8555 §7.6), the
 * answer to a private key that others may hold.
 *
 * <p>The request is signed by the certificate's own key where it is at hand ({@link #withKey}): that
 * proves possession of the compromised key, needs no account, and is what CAs such as Let's Encrypt
 * ask for the reason keyCompromise. Without the key (it is offline) the account that ordered the
 * certificate signs it ({@link #withAccount}; it is never created here). A certificate the CA reports
 * as already revoked counts as revoked.
 *
 * <pre>{@code
 * Revocation revocation = new Revocation(settings);
 * Revocation.Outcome outcome = revocation.withKey(leaf, compromisedKeyPair);
 * }</pre>
 */
public final class Revocation {
    private static final URI ALREADY_REVOKED = URI.create("urn:ietf:params:acme:error:alreadyRevoked");

    /** What the CA answered. */
    public enum Outcome {
        /** The CA revoked the certificate now. */
        REVOKED,
        /** The CA had revoked it before. */
        ALREADY_REVOKED
    }

    private final IssuerSettings settings;

    /** Revocation at the CA of these settings (directory, TLS trust, account folder). */
    public Revocation(IssuerSettings settings) {
        this.settings = settings;
    }

    /**
     * Revokes {@code certificate} with a request signed by its own key.
     *
     * @param key the key pair the certificate certifies
     * @throws IssuanceException when the CA refuses or cannot be reached
     */
    public Outcome withKey(X509Certificate certificate, KeyPair key) throws IssuanceException {
        try {
            Session session = session();
            return revoke(certificate, () -> Certificate.revoke(session, key, certificate,
                    RevocationReason.KEY_COMPROMISE));
        } catch (IOException e) {
            throw failure(certificate, e);
        }
    }

    /**
     * Revokes {@code certificate} with a request signed by the existing account in the settings' account
     * folder (the one that ordered it).
     *
     * @throws IssuanceException when there is no account, the CA refuses or cannot be reached
     */
    public Outcome withAccount(X509Certificate certificate) throws IssuanceException {
        try {
            Session session = session();
            Login login = new AccountBuilder().onlyExisting()
                    .useKeyPair(AccountKeys.loadOrCreate(settings.accountDirectory())).createLogin(session);
            return revoke(certificate, () -> Certificate.revoke(login, certificate, RevocationReason.KEY_COMPROMISE));
        } catch (IOException e) {
            throw failure(certificate, e);
        } catch (AcmeException e) {
            throw new IssuanceException("no ACME account of this site at " + settings.directory()
                    + " can revoke serial " + certificate.getSerialNumber().toString(16) + ": " + e.getMessage(), e);
        }
    }

    /** One revocation request. */
    private interface Request {
        void send() throws AcmeException;
    }

    private Outcome revoke(X509Certificate certificate, Request request) throws IssuanceException {
        try {
            request.send();
            return Outcome.REVOKED;
        } catch (AcmeServerException e) {
            if (ALREADY_REVOKED.equals(e.getType())) {
                return Outcome.ALREADY_REVOKED;
            }
            throw failure(certificate, e);
        } catch (AcmeException e) {
            throw failure(certificate, e);
        }
    }

    private IssuanceException failure(X509Certificate certificate, Exception e) {
        return new IssuanceException("the CA " + settings.directory() + " did not revoke serial "
                + certificate.getSerialNumber().toString(16) + ": " + e.getMessage(), e);
    }

    private Session session() throws IOException {
        return settings.trustedCaFile() == null ? new Session(settings.directory())
                : new Session(settings.directory(), new TrustingAcmeProvider(settings.trustedCaFile()));
    }
}
