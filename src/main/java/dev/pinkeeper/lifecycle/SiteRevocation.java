package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteLock;
import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.acme.Revocation;
import dev.pinkeeper.deploy.Release;
import dev.pinkeeper.deploy.ReleaseStore;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.PrivateKeyFile;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.SimulationResult;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to a compromised key ({@code pinkeeper revoke}): every certificate of the key that the
 * site keeps (its latest issued chain and every release) is revoked at the site's CA with the reason
 * keyCompromise, the key is declared compromised in the inventory (retired, never used again), and its
 * pin leaves the header at once.
 *
 * <p>A compromised <em>current</em> key is replaced in the same run: a backup key that every header
 * still cached pins (the emergency gate; refused otherwise, before anything changes) gets a certificate
 * (from the backup CA when the site has one), the plan switches to it ({@link KeySwitch#emergency}: the
 * compromised pin leaves the pin set, a replacement backup is generated) and it is deployed; only then
 * are the old certificates revoked, so the server never serves a revoked certificate. A compromised
 * backup or next key is retired, a key of the same role and algorithm generated in its place and the
 * new header deployed. Removing a pin never locks out a client whose cached headers pin the served key;
 * the deployment checks it ({@link SiteDeployer}), and the lockout simulator is run again over the
 * whole served history at the end.
 *
 * <p>Running it again for a key already compromised only retries the certificates not yet revoked.
 */
public final class SiteRevocation {
    private final KeyInventory inventory;
    private final PlanService plans;

    /** Over {@code inventory}, with a plan service of its own. */
    public SiteRevocation(KeyInventory inventory) {
        this(new PlanService(inventory));
    }

    /** Over the plan service's inventory: the plans and keys of one state, as the caller holds them. */
    public SiteRevocation(PlanService plans) {
        this.inventory = plans.inventory();
        this.plans = plans;
    }

    /**
     * Revokes key {@code keyReference} of {@code site} (see the class description).
     *
     * @param backupReference the backup to promote when the key is current, or null for the first backup of
     *                        the same family that the gate allows
     * @param at              the time the plan records for the switch and the deployment
     * @param dryRun          check everything and list the certificates, change nothing and contact no CA
     * @throws RefusedStepException when no backup may replace a current key now (a cached header lacks its pin)
     * @throws InventoryException   when the key or the backup is unknown, or the backup is offline
     */
    public RevocationResult revoke(String site, String keyReference, String backupReference, Instant at, boolean dryRun)
            throws IOException, InventoryException, PlanException, RefusedStepException, IssuanceException {
        // one hold of the site's lock for the whole answer: the switch, the compromise and the deployment are not
        // interleaved with another change (the inner steps take the same lock again)
        try (SiteLock lock = inventory.lock(site)) {
            return revokeLocked(site, keyReference, backupReference, at, dryRun);
        }
    }

    private RevocationResult revokeLocked(String site, String keyReference, String backupReference, Instant at,
            boolean dryRun) throws IOException, InventoryException, PlanException, RefusedStepException,
            IssuanceException {
        SiteInventory live = inventory.load(site);
        KeyEntry key = live.find(keyReference);
        SiteLayout paths = inventory.layout(site);
        SiteSettingsStore settings = new SiteSettingsStore(paths);
        AcmeSettings acme = settings.acme();
        DeploySettings deploy = settings.deploy();
        List<Found> found = certificates(paths, key.pin());
        if (!found.isEmpty() && !hasCa(acme.primary())) {
            throw new InvalidSettingException(SiteSetting.DIRECTORY, "the site has no ACME CA to revoke "
                    + found.size() + " certificate(s) of key " + key.id() + " at");
        }
        KeyEntry replacement = null;
        String ca = null;
        // a retired key the live release still serves (a run cut short after the switch, before the deployment)
        // is deployed away too: a certificate the server serves is never revoked
        Optional<Release> liveRelease = new ReleaseStore(paths).live();
        boolean served = liveRelease.isPresent() && liveRelease.get().leafPins().contains(key.pin());
        boolean pinned = key.role() != KeyRole.RETIRED || served;
        if (pinned) {
            SiteDeployer.check(deploy);
        }
        if (key.role() == KeyRole.CURRENT) {
            acme.check();
            replacement = backupFor(site, live, key, backupReference, at);
            ca = hasCa(acme.backup()) ? "backup" : "primary";
        }
        if (dryRun) {
            return new RevocationResult(key, replacement, ca, null, null, null, planned(found), null, true);
        }

        KeyChange change = null;
        KeyEntry generated = null;
        if (replacement != null) {
            new SiteIssuer(inventory).issue(site, ca, List.of(replacement), acme);
            change = new KeySwitch(inventory).emergency(site, replacement.id(), at);
            generated = change.generated();
            inventory.update(site, "revoke " + key.id(), c -> c.compromise(key.id(), at));
        } else if (!key.isCompromised()) {
            KeyEntry[] made = new KeyEntry[1];
            inventory.update(site, "revoke " + key.id(), c -> {
                c.compromise(key.id(), at);
                if (key.role() == KeyRole.BACKUP) {
                    made[0] = c.generate(KeyRole.BACKUP, key.algorithm(), null);
                } else if (key.role() == KeyRole.NEXT && c.key(key.nextFor()).role() == KeyRole.CURRENT) {
                    made[0] = c.generate(KeyRole.NEXT, key.algorithm(), key.nextFor());
                }
            });
            generated = made[0];
        }
        DeployResult deployed = pinned ? new SiteDeployer(inventory).deployIssued(site, deploy, null, at) : null;
        if (deployed != null && !deployed.live()) {
            // the server may still serve the key's certificate: nothing is revoked until a deployment took it away
            return new RevocationResult(inventory.load(site).byId(key.id()).orElse(key), replacement, ca, change,
                    generated, deployed, planned(found), null, false);
        }
        List<RevokedCertificate> revoked = new ArrayList<>();
        KeyPair keyPair = key.offline() ? null : PrivateKeyFile.read(inventory.privateKeyFile(site, key), key.pin());
        for (Found certificate : found) {
            revoked.add(revoke(certificate, keyPair, acme, paths));
        }
        SiteInventory now = inventory.load(site);
        SimulationResult simulation = plans.store().live(now).isPresent()
                ? new LockoutSimulator().simulate(plans.load(site).history()) : null;
        KeyEntry after = now.byId(key.id()).orElse(key);
        return new RevocationResult(after, replacement, ca, change, generated, deployed, revoked, simulation, false);
    }

    /** The backup that replaces current key {@code lost}: the one named, or the first the emergency gate allows. */
    private KeyEntry backupFor(String site, SiteInventory live, KeyEntry lost, String backupReference, Instant at)
            throws InventoryException, PlanException, RefusedStepException {
        KeySwitch keySwitch = new KeySwitch(inventory);
        if (backupReference != null) {
            KeyEntry backup = keySwitch.checkEmergency(site, backupReference, at);
            requireOnline(site, backup);
            return backup;
        }
        List<KeyEntry> candidates = new ArrayList<>();
        live.backups().stream().filter(b -> b.algorithm().family().equals(lost.algorithm().family()))
                .forEach(candidates::add);
        live.backups().stream().filter(b -> !candidates.contains(b)).forEach(candidates::add);
        RefusedStepException refusal = null;
        KeyEntry offline = null;
        for (KeyEntry backup : candidates) {
            try {
                KeyEntry allowed = keySwitch.checkEmergency(site, backup.id(), at);
                if (!allowed.offline()) {
                    return allowed;
                }
                offline = offline == null ? allowed : offline;
            } catch (RefusedStepException e) {
                refusal = refusal == null ? e : refusal;
            } catch (InventoryException e) {
                // a backup of another family where the site has several current keys: not a candidate
            }
        }
        if (offline != null) {
            requireOnline(site, offline);
        }
        if (refusal != null) {
            throw refusal;
        }
        throw new InventoryException("site " + site + " has no backup key to replace current key " + lost.id());
    }

    private static void requireOnline(String site, KeyEntry backup) throws InventoryException {
        if (backup.offline()) {
            throw new InventoryException("backup key " + backup.id() + " of site " + site
                    + " is offline: restore it from its offline backup first, then revoke again");
        }
    }

    /** A certificate of the key and where it was found. */
    private record Found(X509Certificate leaf, X509Certificate top, Path file) {
    }

    /** Every distinct certificate (by serial) whose key is {@code pin}: the latest issued chains, then every release. */
    private static List<Found> certificates(SiteLayout paths, Pin pin) throws IOException {
        Map<String, Found> found = new LinkedHashMap<>();
        Path certs = paths.certificate("x").getParent();
        if (Files.isDirectory(certs)) {
            try (var files = Files.list(certs)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pem")).sorted().toList()) {
                    add(found, TrustRoots.read(file), pin, file);
                }
            }
        }
        for (Release release : new ReleaseStore(paths).releases()) {
            for (List<X509Certificate> chain : release.chains()) {
                add(found, chain, pin, release.directory());
            }
        }
        return List.copyOf(found.values());
    }

    private static void add(Map<String, Found> found, List<X509Certificate> chain, Pin pin, Path file) {
        X509Certificate leaf = chain.get(0);
        if (Pin.ofSpki(leaf.getPublicKey().getEncoded()).equals(pin)) {
            found.putIfAbsent(leaf.getSerialNumber().toString(16), new Found(leaf, chain.get(chain.size() - 1), file));
        }
    }

    private static List<RevokedCertificate> planned(List<Found> found) {
        List<RevokedCertificate> planned = new ArrayList<>();
        for (Found certificate : found) {
            boolean expired = expired(certificate.leaf());
            planned.add(describe(certificate, null, expired ? RevokedCertificate.Status.EXPIRED
                    : RevokedCertificate.Status.TO_REVOKE, expired ? "expired: nothing to revoke" : ""));
        }
        return planned;
    }

    /** Revokes one certificate: at the CA whose roots issued it first, then at the site's other CA. */
    private static RevokedCertificate revoke(Found certificate, KeyPair keyPair, AcmeSettings acme, SiteLayout paths) {
        if (expired(certificate.leaf())) {
            return describe(certificate, null, RevokedCertificate.Status.EXPIRED, "expired: nothing to revoke");
        }
        List<String> problems = new ArrayList<>();
        for (String ca : caOrder(certificate, acme)) {
            Revocation revocation = new Revocation(SiteIssuer.issuer(acme, ca, paths).settings());
            try {
                Revocation.Outcome outcome = keyPair != null ? revocation.withKey(certificate.leaf(), keyPair)
                        : revocation.withAccount(certificate.leaf());
                return describe(certificate, ca, outcome == Revocation.Outcome.REVOKED
                        ? RevokedCertificate.Status.REVOKED : RevokedCertificate.Status.ALREADY_REVOKED, "");
            } catch (RuntimeException e) {
                problems.add(ca + " CA: " + e.getMessage());
            }
        }
        return describe(certificate, null, RevokedCertificate.Status.FAILED, String.join("; ", problems));
    }

    /** The site's CAs, the one whose configured roots issued the chain's top certificate first. */
    private static List<String> caOrder(Found certificate, AcmeSettings acme) {
        List<String> order = new ArrayList<>();
        for (String ca : List.of("primary", "backup")) {
            CaSettings settings = ca.equals("backup") ? acme.backup() : acme.primary();
            if (!hasCa(settings)) {
                continue;
            }
            if (issuedBy(certificate.top(), settings)) {
                order.add(0, ca);
            } else {
                order.add(ca);
            }
        }
        return order;
    }

    private static boolean issuedBy(X509Certificate top, CaSettings ca) {
        if (ca.roots() == null) {
            return false;
        }
        try {
            for (X509Certificate root : TrustRoots.read(Path.of(ca.roots()))) {
                if (root.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
                    return true;
                }
            }
        } catch (IOException e) {
            // an unreadable roots file says nothing: the CA is still tried, after the others
        }
        return false;
    }

    private static boolean hasCa(CaSettings ca) {
        return ca != null && ca.directory() != null;
    }

    /** Expired by the real clock: the CA's, whatever time the plan records. */
    private static boolean expired(X509Certificate leaf) {
        return leaf.getNotAfter().toInstant().isBefore(Instant.now());
    }

    private static RevokedCertificate describe(Found certificate, String ca, RevokedCertificate.Status status,
            String message) {
        return new RevokedCertificate(certificate.leaf().getSerialNumber().toString(16),
                certificate.leaf().getNotAfter().toInstant(), ca, certificate.file(), status, message);
    }
}
