package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pinkeeper.acme.RenewalWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What a site remembers about the certificate kept for one key ({@code certs/KEYID.pem}), in
 * {@code certs/KEYID.json}: which of its CAs issued it, and the CA's last ACME Renewal Information
 * window with its Retry-After, so that a timer run twice a day does not ask the CA again before it said to.
 *
 * @param ca            {@code primary} or {@code backup}
 * @param serial        the certificate's serial number (hex): the window belongs to that certificate
 * @param ariStart      the CA's suggested window start, or null (no ARI answer kept)
 * @param ariEnd        the CA's suggested window end, or null
 * @param ariCheckAfter the CA's Retry-After for its window (real time), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateRecord(String ca, String serial, Instant ariStart, Instant ariEnd, Instant ariCheckAfter) {
    /** The record file next to {@code certs/KEYID.pem}. */
    public static Path file(SiteLayout paths, String keyId) {
        return paths.certificateRecord(keyId);
    }

    /** The record for {@code keyId}, or null when there is none (a certificate kept by an earlier version). */
    public static CertificateRecord read(SiteLayout paths, String keyId) throws IOException {
        Path file = file(paths, keyId);
        return Files.exists(file) ? SettingsFiles.read(file, CertificateRecord.class, null) : null;
    }

    /** Writes this record for {@code keyId} (0600, replaced atomically). */
    public void write(SiteLayout paths, String keyId) throws IOException {
        SettingsFiles.write(file(paths, keyId), this);
    }

    /** The kept ARI window, if it is for the certificate {@code serial} and its Retry-After has not passed at {@code now}. */
    public RenewalWindow freshWindow(String certificateSerial, Instant now) {
        if (ariStart == null || ariEnd == null || ariCheckAfter == null || !certificateSerial.equals(serial)
                || !now.isBefore(ariCheckAfter)) {
            return null;
        }
        return new RenewalWindow(ariStart, ariEnd, RenewalWindow.Source.ARI, ariCheckAfter);
    }

    /** This record with the CA's ARI {@code window} kept (a default window is computed each time, never kept). */
    CertificateRecord withAriWindow(String certificateSerial, RenewalWindow window) {
        return new CertificateRecord(ca, certificateSerial, window.start(), window.end(), window.retryAfter());
    }
}
