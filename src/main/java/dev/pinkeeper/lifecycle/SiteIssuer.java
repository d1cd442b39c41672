package dev.pinkeeper.lifecycle;

import dev.pinkeeper.acme.AcmeDirectories;
import dev.pinkeeper.acme.AcmeSessions;
import dev.pinkeeper.acme.ChallengeSolver;
import dev.pinkeeper.acme.Dns01Hook;
import dev.pinkeeper.acme.Http01Standalone;
import dev.pinkeeper.acme.Http01Webroot;
import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.acme.IssuedCertificate;
import dev.pinkeeper.acme.Issuer;
import dev.pinkeeper.acme.IssuerSettings;
import dev.pinkeeper.files.Pem;
import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import dev.pinkeeper.site.SiteLayout;

/**
 * Gets certificates for a site's own keys from its primary or backup ACME CA: the CSR is always
 * signed by the inventory's key (never a fresh random one), so a renewal keeps the key until the plan
 * rolls it over. Each issued chain is kept as {@code certs/KEYID.pem} (replaced atomically) for
 * {@link SiteDeployer#deployIssued}.
 */
public final class SiteIssuer {
    private final KeyInventory inventory;

    public SiteIssuer(KeyInventory inventory) {
        this.inventory = inventory;
    }

    /** A certificate issued for one key. */
    public record Issued(KeyEntry key, IssuedCertificate certificate, Path file) {
    }

    /**
     * Orders one certificate per key in {@code keys} from the CA {@code ca} ({@code primary} or
     * {@code backup}) for the site's domains.
     */
    public List<Issued> issue(String site, String ca, List<KeyEntry> keys)
            throws IOException, InventoryException, IssuanceException {
        return issue(site, ca, keys, new SiteSettingsStore(inventory.layout(site)).acme());
    }

    /**
     * {@link #issue(String, String, List)} with {@code settings} instead of the saved ones (settings given
     * on a command line are saved only once they worked).
     */
    public List<Issued> issue(String site, String ca, List<KeyEntry> keys, AcmeSettings settings)
            throws IOException, InventoryException, IssuanceException {
        return issue(site, ca, keys, settings, null);
    }

    /**
     * {@link #issue(String, String, List)} over a session from {@code sessions} (shared by the sites of one
     * run, see {@link AcmeSessions}; null: a session of its own).
     */
    public List<Issued> issue(String site, String ca, List<KeyEntry> keys, AcmeSessions sessions)
            throws IOException, InventoryException, IssuanceException {
        return issue(site, ca, keys, new SiteSettingsStore(inventory.layout(site)).acme(), sessions);
    }

    private List<Issued> issue(String site, String ca, List<KeyEntry> keys, AcmeSettings settings,
            AcmeSessions sessions) throws IOException, InventoryException, IssuanceException {
        SiteInventory live = inventory.load(site);
        SiteLayout paths = inventory.layout(site);
        Issuer issuer = issuer(settings, ca, paths, sessions);
        List<Issued> issued = new ArrayList<>();
        try (ChallengeSolver solver = solver(settings)) {
            for (KeyEntry key : keys) {
                IssuedCertificate certificate = issuer.issue(inventory.keyPair(site, key), live.domains(), solver);
                issued.add(new Issued(key, certificate, store(paths.certificate(key.id()), certificate)));
            }
        }
        return issued;
    }

    /** The issuer for one of the site's CAs, its account key kept in {@code accounts/CA/}. */
    public static Issuer issuer(AcmeSettings settings, String ca, SiteLayout paths) {
        return issuer(settings, ca, paths, null);
    }

    /** {@link #issuer(AcmeSettings, String, SiteLayout)} over a session from {@code sessions} (null: its own). */
    public static Issuer issuer(AcmeSettings settings, String ca, SiteLayout paths, AcmeSessions sessions) {
        CaSettings chosen = settings.ca(ca);
        IssuerSettings issuerSettings = new IssuerSettings(AcmeDirectories.resolve(chosen.directory()),
                paths.account(ca), chosen.acmeTrust() == null ? null : Path.of(chosen.acmeTrust()),
                settings.contacts(), Duration.ofMinutes(2));
        return new Issuer(issuerSettings, sessions);
    }

    /**
     * Reads the ACME directory of the CA {@code ca} ({@code primary} or {@code backup}) as
     * {@code settings} describe it (URL and TLS trust), creating no account and writing nothing.
     *
     * @throws InvalidSettingException naming the directory when it cannot be read
     */
    public static void reach(AcmeSettings settings, String ca, SiteLayout paths) {
        SiteSetting directory = "backup".equals(ca) ? SiteSetting.BACKUP_DIRECTORY : SiteSetting.DIRECTORY;
        try {
            issuer(settings, ca, paths).checkDirectory();
        } catch (IssuanceException e) {
            throw new InvalidSettingException(directory, e.getMessage(), e);
        }
    }

    /** The challenge solver the settings describe (http-01 webroot by default when a webroot is set). */
    static ChallengeSolver solver(AcmeSettings settings) {
        String challenge = settings.challenge() == null ? "http-01" : settings.challenge();
        if (challenge.equals("dns-01")) {
            if (settings.dnsHook() == null) {
                throw new InvalidSettingException(SiteSetting.DNS_HOOK, "dns-01 needs the hook script that sets the TXT record");
            }
            return new Dns01Hook(Path.of(settings.dnsHook()), Duration.ofMinutes(2));
        }
        if (settings.webroot() != null) {
            return new Http01Webroot(Path.of(settings.webroot()));
        }
        String address = settings.standaloneAddress() == null ? "0.0.0.0" : settings.standaloneAddress();
        int port = settings.standalonePort() == null ? 80 : settings.standalonePort();
        return new Http01Standalone(new InetSocketAddress(address, port));
    }

    private static Path store(Path file, IssuedCertificate certificate) throws IOException {
        Path dir = file.getParent();
        SafeFiles.privateDirectory(dir);
        Path temporary = dir.resolve("." + file.getFileName() + "-" + UUID.randomUUID());
        try {
            SafeFiles.writeNew(temporary, Pem.certificates(certificate.chain()).getBytes(StandardCharsets.US_ASCII),
                    SafeFiles.PRIVATE_FILE);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            SafeFiles.fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }
}
