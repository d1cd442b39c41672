package dev.pinkeeper.acme;

import java.time.Duration;
import java.util.Optional;

/**
 * How one order of a batch ended: a certificate, or the error that stopped it.
 *
 * @param request     the order
 * @param certificate the issued certificate, or null when it failed
 * @param error       why it failed, or null
 * @param took        how long the order took
 */
public record BatchResult(IssueRequest request, IssuedCertificate certificate, String error, Duration took) {
    /** Whether a certificate was issued. */
    public boolean succeeded() {
        return certificate != null;
    }

    /** The certificate, if one was issued. */
    public Optional<IssuedCertificate> issued() {
        return Optional.ofNullable(certificate);
    }
}
