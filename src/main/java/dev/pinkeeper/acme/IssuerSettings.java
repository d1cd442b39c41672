package dev.pinkeeper.acme;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how an {@link Issuer} talks ACME.
 *
 * @param directory        the ACME directory URL ({@link AcmeDirectories#resolve} turns names into URLs)
 * @param accountDirectory where the account key lives (0700; created on first use); one per CA is clearest
 * @param trustedCaFile    PEM file of the CA certificates to trust for the ACME server's TLS instead of the
 *                         JDK trust store (a test CA such as pebble), or null
 * @param contactEmails    account contact addresses (may be empty)
 * @param timeout          the longest wait for one validation or for the certificate
 * @param binding          the External Account Binding a new account is created with, or null
 * @param profile          the certificate profile to order (one of the directory's {@code meta.profiles}), or null
 */
public record IssuerSettings(URI directory, Path accountDirectory, Path trustedCaFile,
        List<String> contactEmails, Duration timeout, AccountBinding binding, String profile) {
    public IssuerSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(accountDirectory, "accountDirectory");
        contactEmails = List.copyOf(contactEmails);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Settings with no extra trust, no contact, no binding, no profile and a 2-minute timeout. */
    public static IssuerSettings of(URI directory, Path accountDirectory) {
        return new IssuerSettings(directory, accountDirectory, null, List.of(), Duration.ofMinutes(2), null, null);
    }

    /** The same settings, trusting the CA certificates in {@code caFile} for the ACME server's TLS. */
    public IssuerSettings withTrustedCa(Path caFile) {
        return new IssuerSettings(directory, accountDirectory, caFile, contactEmails, timeout, binding, profile);
    }
}
