package dev.pinkeeper.lifecycle;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One certificate of a compromised key and what its revocation did.
 *
 * @param serial   the serial number, hexadecimal (as {@code openssl x509 -serial} prints it)
 * @param notAfter when it expires
 * @param ca       the site's CA it was sent to ({@code primary} or {@code backup}), or null when none was asked
 * @param file     where pinkeeper keeps it (the latest issued chain, or a release)
 * @param status   the outcome
 * @param message  the CA's refusal or why nothing was sent; empty when revoked
 */
public record RevokedCertificate(String serial, Instant notAfter, String ca, Path file, Status status, String message) {
    /** What became of the certificate. */
    public enum Status {
        /** The CA revoked it now (reason keyCompromise). */
        REVOKED,
        /** The CA had revoked it before. */
        ALREADY_REVOKED,
        /** Expired: no CA revokes it, and no client accepts it any more. */
        EXPIRED,
        /** Found, not sent: a dry run. */
        TO_REVOKE,
        /** No CA of the site revoked it: see the message. */
        FAILED
    }

    /** Whether nothing more needs doing for it. */
    public boolean settled() {
        return status == Status.REVOKED || status == Status.ALREADY_REVOKED || status == Status.EXPIRED;
    }
}
