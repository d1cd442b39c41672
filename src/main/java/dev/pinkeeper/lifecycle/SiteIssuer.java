package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.acme.AccountBinding;
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
import dev.pinkeeper.acme.RateLimitedException;
import dev.pinkeeper.acme.RenewalWindow;
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
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gets certificates for a site's own keys from its primary or backup ACME CA: the CSR is always
 * signed by the inventory's key (never a fresh random one), so a renewal keeps the key until the plan
 * rolls it over. Each issued chain is kept as {@code certs/KEYID.pem} (replaced atomically) for
 * {@link SiteDeployer#deployIssued}, with its {@link CertificateRecord} ({@code certs/KEYID.json}).
 * <p>
 * A renewal order says which certificate it replaces (RFC 9773) when the CA's ACME Renewal Information
 * knows that certificate. A CA's {@code rateLimited} answer is recorded ({@link RateLimitHold}): until its
 * Retry-After no order is sent to that CA.
 */
public final class SiteIssuer {
    private final KeyInventory inventory;
    private final LifecycleLog log;
    private final Map<String, AccountBinding> givenBindings = new HashMap<>();

    public SiteIssuer(KeyInventory inventory) {
        this(inventory, LifecycleLog.NONE);
    }

    /** An issuer that reports each certificate it gets ({@code issued} or {@code renewed}) to {@code log}. */
    public SiteIssuer(KeyInventory inventory, LifecycleLog log) {
        this.inventory = inventory;
        this.log = log;
    }

    /**
     * Uses {@code binding} (given now, not yet kept) for the account at {@code ca} instead of the kept one.
     *
     * @return this issuer
     */
    public SiteIssuer withBinding(String ca, AccountBinding binding) {
        if (binding != null) {
            givenBindings.put(ca, binding);
        }
        return this;
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
     * {@link #issue(String, String, List, AcmeSettings)} through {@code issuer} (made by {@link #issuer} for the
     * same settings and CA, over a session shared by the sites of one run, see {@link AcmeSessions}).
     */
    public List<Issued> issue(String site, String ca, List<KeyEntry> keys, AcmeSettings settings, Issuer issuer)
            throws IOException, InventoryException, IssuanceException {
        Outcome outcome = issueEach(site, ca, keys, settings, issuer);
        if (!outcome.failed().isEmpty()) {
            throw outcome.failed().get(0).reason();
        }
        return outcome.issued();
    }

    /** A key that got no certificate, and why (the CA's answer, or its rate limit). */
    public record Failed(KeyEntry key, IssuanceException reason) {
    }

    /**
     * What ordering certificates for several keys got: the certificates issued (each kept, as {@link #issue}
     * keeps them) and the keys that got none. A key's failure does not stop the orders for the next keys,
     * except the CA's rate limit: every key after it fails with it, unordered.
     */
    public record Outcome(List<Issued> issued, List<Failed> failed) {
        public Outcome {
            issued = List.copyOf(issued);
            failed = List.copyOf(failed);
        }
    }

    /**
     * Orders one certificate per key in {@code keys} from the CA {@code ca} like
     * {@link #issue(String, String, List, AcmeSettings)}, saying for each key whether it got one: the
     * certificates some keys got are kept when another key's order fails. Every key's private half is read
     * (and checked against its pin) before anything is ordered.
     *
     * @throws RateLimitedException when a rate limit recorded earlier holds: nothing is ordered
     * @throws InventoryException   when a key's private half cannot be used: nothing is ordered
     */
    public Outcome issueEach(String site, String ca, List<KeyEntry> keys, AcmeSettings settings)
            throws IOException, InventoryException, IssuanceException {
        return issueEach(site, ca, keys, settings, null);
    }

    /** {@link #issueEach(String, String, List, AcmeSettings)} through {@code given} (null: an issuer of its own). */
    private Outcome issueEach(String site, String ca, List<KeyEntry> keys, AcmeSettings settings, Issuer given)
            throws IOException, InventoryException, IssuanceException {
        SiteInventory live = inventory.load(site);
        SiteLayout paths = inventory.layout(site);
        RateLimitHold hold = RateLimitHold.active(paths, ca, Instant.now());
        if (hold != null) {
            throw new RateLimitedException("the " + ca + " CA rate-limited this site: waiting until " + hold.until()
                    + " before ordering again (" + hold.message() + ")", hold.until(), null);
        }
        Map<String, KeyPair> pairs = new HashMap<>();
        for (KeyEntry key : keys) {
            pairs.put(key.id(), inventory.keyPair(site, key));
        }
        Issuer issuer = given != null ? given : issuer(settings, ca, paths, givenBindings.get(ca), null);
        List<Issued> issued = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        RateLimitedException limited = null;
        try (ChallengeSolver solver = solver(settings)) {
            for (KeyEntry key : keys) {
                if (limited != null) {
                    failed.add(new Failed(key, limited));
                    continue;
                }
                X509Certificate replaced = replaced(paths, ca, key.id());
                IssuedCertificate certificate;
                try {
                    certificate = issuer.issue(pairs.get(key.id()), live.domains(), solver, replaced);
                } catch (RateLimitedException e) {
                    RateLimitHold.record(paths, ca, e.retryAfter(), Instant.now(), e.getMessage());
                    limited = e;
                    failed.add(new Failed(key, e));
                    continue;
                } catch (IssuanceException e) {
                    failed.add(new Failed(key, e));
                    continue;
                }
                boolean renewal = Files.exists(paths.certificate(key.id()));
                Path file = store(paths.certificate(key.id()), certificate);
                new CertificateRecord(ca, serial(certificate.leaf()), null, null, null).write(paths, key.id());
                issued.add(new Issued(key, certificate, file));
                log.record(renewal ? LifecycleEvent.Action.RENEWED : LifecycleEvent.Action.ISSUED, site,
                        "certificate for key " + key.id() + " from the " + ca + " CA, valid until "
                                + certificate.leaf().getNotAfter().toInstant());
            }
        }
        if (limited == null && !issued.isEmpty()) {
            RateLimitHold.clear(paths, ca);
        }
        return new Outcome(issued, failed);
    }

    /**
     * The checks of {@link #issue(String, String, List, AcmeSettings)} that order nothing, for a dry run: the
     * keys' private halves are readable and match their pins, and the CA's directory answers (and says
     * whether it offers renewal information).
     *
     * @return whether the CA offers renewal information (ARI)
     */
    public boolean check(String site, String ca, List<KeyEntry> keys, AcmeSettings settings)
            throws InventoryException, IssuanceException {
        for (KeyEntry key : keys) {
            inventory.keyPair(site, key);
        }
        Issuer issuer = issuer(settings, ca, inventory.layout(site));
        issuer.checkDirectory();
        return issuer.offersRenewalInfo();
    }

    /** The issuer for one of the site's CAs, its account key kept in {@code accounts/CA/}. */
    public static Issuer issuer(AcmeSettings settings, String ca, SiteLayout paths) {
        return issuer(settings, ca, paths, null);
    }

    /**
     * The issuer for one of the site's CAs with {@code given} as its External Account Binding (null: the
     * kept one, if any).
     */
    public static Issuer issuer(AcmeSettings settings, String ca, SiteLayout paths, AccountBinding given) {
        return issuer(settings, ca, paths, given, null);
    }

    /**
     * {@link #issuer(AcmeSettings, String, SiteLayout, AccountBinding)} over a session from {@code sessions}
     * (shared by the sites of one run, see {@link AcmeSessions}; null: a session of its own).
     */
    public static Issuer issuer(AcmeSettings settings, String ca, SiteLayout paths, AccountBinding given,
            AcmeSessions sessions) {
        CaSettings chosen = settings.ca(ca);
        AccountBinding binding = given != null ? given : AccountBindings.saved(paths, ca, chosen.eabKeyId());
        IssuerSettings issuerSettings = new IssuerSettings(AcmeDirectories.resolve(chosen.directory()),
                paths.account(ca), chosen.acmeTrust() == null ? null : Path.of(chosen.acmeTrust()),
                settings.contacts(), Duration.ofMinutes(2), binding, chosen.profile());
        return new Issuer(issuerSettings, sessions);
    }

    /**
     * When the certificate kept for {@code key} should be renewed at the CA {@code issuer} talks to: the CA's
     * ACME Renewal Information window, asked again only once the Retry-After it gave with the last one has
     * passed (real time), else two thirds into the certificate's own lifetime (6, 45 or 90 days alike).
     */
    public static RenewalWindow window(SiteLayout paths, Issuer issuer, String keyId, X509Certificate leaf)
            throws IOException {
        return window(paths, issuer, keyId, leaf, true);
    }

    /**
     * {@link #window(SiteLayout, Issuer, String, X509Certificate)}, keeping a new ARI window only if {@code keep}
     * (a check or a dry run writes nothing).
     */
    static RenewalWindow window(SiteLayout paths, Issuer issuer, String keyId, X509Certificate leaf, boolean keep)
            throws IOException {
        CertificateRecord record = CertificateRecord.read(paths, keyId);
        String serial = serial(leaf);
        Instant now = Instant.now();
        RenewalWindow kept = record == null ? null : record.freshWindow(serial, now);
        if (kept != null) {
            return kept;
        }
        RenewalWindow window = issuer.renewalWindow(leaf);
        if (keep && record != null && window.source() == RenewalWindow.Source.ARI) {
            record.withAriWindow(serial, window).write(paths, keyId);
        }
        return window;
    }

    /**
     * The certificate kept for {@code keyId} when a new order at {@code ca} replaces it in the RFC 9773
     * sense: issued by that same CA, which gave an ACME Renewal Information window for it.
     */
    private static X509Certificate replaced(SiteLayout paths, String ca, String keyId) throws IOException {
        CertificateRecord record = CertificateRecord.read(paths, keyId);
        Path file = paths.certificate(keyId);
        if (record == null || !ca.equals(record.ca()) || record.ariStart() == null || !Files.exists(file)) {
            return null;
        }
        X509Certificate leaf = TrustRoots.read(file).get(0);
        return serial(leaf).equals(record.serial()) ? leaf : null;
    }

    /** A certificate's serial number in hex. */
    static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
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

    /**
     * Checks without the network that a CA {@linkplain AcmeDirectories#requiresBinding known} to require an
     * External Account Binding (ZeroSSL, Google Trust Services, SSL.com) has one, unless its account exists.
     *
     * @throws InvalidSettingException naming the binding's key id when it is missing
     */
    public static void checkKnownBinding(AcmeSettings settings, String ca, SiteLayout paths, AccountBinding given)
            throws IOException {
        Issuer issuer = issuer(settings, ca, paths, given);
        if (issuer.settings().binding() == null && AcmeDirectories.requiresBinding(issuer.settings().directory())
                && !issuer.hasAccount()) {
            throw new InvalidSettingException("backup".equals(ca) ? SiteSetting.BACKUP_EAB_KEY_ID : SiteSetting.EAB_KEY_ID,
                    "the CA " + issuer.settings().directory() + " requires an External Account Binding to create the"
                            + " account: the key id and HMAC key it hands out");
        }
    }

    /**
     * Checks, before anything is written, what the CA {@code ca} must accept: the profile is one its
     * directory offers; a CA that requires an External Account Binding (its directory says so, or it is
     * {@linkplain AcmeDirectories#requiresBinding known} to) gets one when its account is created; and with
     * a binding and no account yet, the account is created now (its key kept only once the CA created it,
     * so a refused binding leaves nothing behind).
     *
     * @param given the binding given now (not kept yet), or null for the kept one
     * @throws InvalidSettingException naming the profile or the binding's key id when the CA cannot accept them
     */
    public static void checkAccount(AcmeSettings settings, String ca, SiteLayout paths, AccountBinding given)
            throws IssuanceException, IOException {
        checkKnownBinding(settings, ca, paths, given);
        boolean backup = "backup".equals(ca);
        SiteSetting keyId = backup ? SiteSetting.BACKUP_EAB_KEY_ID : SiteSetting.EAB_KEY_ID;
        SiteSetting profileSetting = backup ? SiteSetting.BACKUP_PROFILE : SiteSetting.PROFILE;
        Issuer issuer = issuer(settings, ca, paths, given);
        String profile = settings.ca(ca).profile();
        if (profile != null) {
            java.util.Set<String> offered = issuer.offeredProfiles();
            if (!offered.contains(profile)) {
                throw new InvalidSettingException(profileSetting, offered.isEmpty()
                        ? "the CA's directory offers no certificate profiles (no meta.profiles)"
                        : "the CA does not offer " + profile + "; it offers: " + String.join(", ", offered));
            }
        }
        if (issuer.hasAccount()) {
            return; // the account exists: its binding was used once, when it was created
        }
        if (issuer.settings().binding() == null) {
            if (issuer.requiresBinding()) {
                throw new InvalidSettingException(keyId, "the CA requires an External Account Binding to create"
                        + " the account: the key id and HMAC key it hands out");
            }
            return;
        }
        try {
            issuer.checkAccount();
        } catch (dev.pinkeeper.acme.AccountBindingException e) {
            throw new InvalidSettingException(keyId, e.getMessage(), e);
        }
    }

    /**
     * A key whose certificate from the same CA is still valid and not yet in its renewal window: ordering
     * another one now only spends the CA's rate limits.
     *
     * @param key      the key
     * @param notAfter the kept certificate's expiry
     * @param renewAt  when it is due ({@link RenewalWindow#renewAt})
     * @param window   its renewal window
     */
    public record NotDue(KeyEntry key, Instant notAfter, Instant renewAt, RenewalWindow window) {
    }

    /**
     * The keys of {@code keys} whose kept certificate was issued by {@code ca}, is valid at {@code at} and is
     * not in its renewal window at {@code at} ({@link #window}).
     */
    public List<NotDue> notDue(String site, String ca, List<KeyEntry> keys, AcmeSettings settings, Instant at)
            throws IOException {
        SiteLayout paths = inventory.layout(site);
        List<NotDue> notDue = new ArrayList<>();
        Issuer issuer = null;
        for (KeyEntry key : keys) {
            key.requireUsable(); // a compromised key is refused before anything is said about its certificate
            CertificateRecord record = CertificateRecord.read(paths, key.id());
            Path file = paths.certificate(key.id());
            if (record == null || !ca.equals(record.ca()) || !Files.exists(file)) {
                continue;
            }
            X509Certificate leaf = TrustRoots.read(file).get(0);
            if (at.isBefore(leaf.getNotBefore().toInstant()) || !at.isBefore(leaf.getNotAfter().toInstant())) {
                continue;
            }
            if (issuer == null) {
                issuer = issuer(settings, ca, paths);
            }
            RenewalWindow window = window(paths, issuer, key.id(), leaf, false); // a check writes nothing
            if (!window.isDue(at, leaf.getSerialNumber())) {
                notDue.add(new NotDue(key, leaf.getNotAfter().toInstant(), window.renewAt(leaf.getSerialNumber()),
                        window));
            }
        }
        return notDue;
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
        SafeFiles.privateDirectory(file.getParent());
        SafeFiles.replace(file, Pem.certificates(certificate.chain()).getBytes(StandardCharsets.US_ASCII),
                SafeFiles.PRIVATE_FILE);
        return file;
    }
}
