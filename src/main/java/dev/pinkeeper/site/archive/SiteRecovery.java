package dev.pinkeeper.site.archive;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyGenerator;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.PrivateKeyFile;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.PinPolicy;
import dev.pinkeeper.plan.PlanGuard;
import dev.pinkeeper.plan.Ramp;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.ServedPeriod;
import dev.pinkeeper.plan.StepVerdict;
import dev.pinkeeper.plan.site.InventoryKeys;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanSettings;
import dev.pinkeeper.plan.site.SiteClock;
import dev.pinkeeper.plan.site.StoredPlan;

/**
 * Recreates a site on a new machine from nothing but its offline backup keys, when the state directory
 * is lost and no export of it exists: the backup keys (decrypted from their files or scanned sheets)
 * and the header clients may still cache, learnt from the site (the {@code Public-Key-Pins} header it
 * still serves) or given by hand.
 *
 * <p>The first backup whose pin that header carries becomes the current key (a backup pinned by every
 * cached header is the only key a returning client accepts), the other backups stay backups, a next key
 * of the same algorithm and, when fewer than two backups are left, new backups are generated. The plan
 * records the cached header as served for its whole max-age up to now, so that every later step — the
 * first deployment of the promoted key included — is checked against what clients still hold. Before
 * anything is written, the lockout simulator checks the step the recovery leads to (the promoted key
 * served with the new header, the lost keys' pins dropped); a step that would lock a returning client
 * out is refused and nothing is written. A certificate for the promoted key is then issued at either of
 * the site's CAs and deployed as for any site.
 */
public final class SiteRecovery {
    private final KeyInventory inventory;

    public SiteRecovery(KeyInventory inventory) {
        this.inventory = inventory;
    }

    /**
     * What to recover.
     *
     * @param site           the site's name (it must not exist)
     * @param domains        its domains
     * @param backups        the decrypted backup keys, in order of preference
     * @param cached         the header clients may cache (its max-age: how long they may hold it)
     * @param servedLeaf     the pin of the certificate the site serves now, or null when unknown
     * @param at             now: the time the recovery records
     * @param simulatedClock whether the site runs on a simulated clock (rehearsals, tests)
     */
    public record Request(String site, List<String> domains, List<PrivateKeyInfo> backups, PkpHeader cached,
            Pin servedLeaf, Instant at, boolean simulatedClock) {
        public Request {
            domains = List.copyOf(domains);
            backups = List.copyOf(backups);
        }
    }

    /**
     * What a recovery made.
     *
     * @param inventory the new site's keys (in a dry run, as they would be)
     * @param promoted  the backup that became current
     * @param generated the keys generated (a next key, new backups: export the backups offline)
     * @param dropped   the cached pins of keys not recovered (the lost ones): the new header leaves them out
     * @param cachedAt  from when the plan records the cached header as served
     * @param headers   the headers the promoted key is to be served with
     * @param plan      the new plan (null in a dry run)
     * @param dryRun    true when nothing was written
     */
    public record Recovered(SiteInventory inventory, KeyEntry promoted, List<KeyEntry> generated, List<Pin> dropped,
            Instant cachedAt, List<PkpHeader> headers, StoredPlan plan, boolean dryRun) {
    }

    /**
     * Recreates the site (see the class description).
     *
     * @throws RefusedStepException when no backup is pinned by the cached header, or the simulator finds a lockout
     * @throws InventoryException   when the site exists, or a backup is unusable
     */
    public Recovered recover(Request request, boolean dryRun)
            throws InventoryException, PlanException, RefusedStepException {
        String site = request.site();
        StateDirectory.checkSiteName(site);
        inventory.state().check();
        if (inventory.exists(site) || java.nio.file.Files.exists(inventory.siteDirectory(site))) {
            throw new InventoryException("site " + site + " exists already in " + inventory.state().root()
                    + ": a recovery makes a site anew (import an export into an existing state instead)");
        }
        if (request.domains().isEmpty()) {
            throw new InventoryException("site " + site + ": give at least one domain");
        }
        PkpHeader cached = request.cached();
        Map<Pin, PrivateKeyInfo> backups = new LinkedHashMap<>();
        Map<Pin, KeyAlgorithm> algorithms = new LinkedHashMap<>();
        for (PrivateKeyInfo key : request.backups()) {
            KeyPair pair = PrivateKeyFile.keyPair(key, null, "a backup key");
            Pin pin = Pin.ofSpki(pair.getPublic().getEncoded());
            backups.putIfAbsent(pin, key);
            algorithms.putIfAbsent(pin, KeyAlgorithm.of(pair.getPublic()));
        }
        if (backups.isEmpty()) {
            throw new InventoryException("site " + site + ": give at least one backup key");
        }
        boolean enforcing = !cached.reportOnly() && cached.maxAge() != null && cached.maxAge() > 0;
        Pin promotedPin = backups.keySet().stream()
                .filter(p -> cached.pins(p) && algorithms.get(p).acmeIssuable()).findFirst()
                .orElse(enforcing ? null : backups.keySet().stream().filter(p -> algorithms.get(p).acmeIssuable())
                        .findFirst().orElse(null));
        long maxAge = cached.maxAge() == null ? 0 : cached.maxAge();
        Instant cachedAt = request.at().minusSeconds(Math.max(1, maxAge));
        if (promotedPin == null) {
            throw new RefusedStepException("refused: no backup key given is pinned by the header clients cache ("
                    + cached.pins().size() + " pins, max-age=" + maxAge + "): serving any of them would lock out every"
                    + " client that cached it until " + request.at().plusSeconds(maxAge), request.at().plusSeconds(maxAge));
        }

        // every key in memory first: the exact step is checked before anything is written
        List<PrivateKeyInfo> order = new ArrayList<>();
        List<KeyRole> roles = new ArrayList<>();
        order.add(backups.get(promotedPin));
        roles.add(KeyRole.CURRENT);
        KeyAlgorithm currentAlgorithm = algorithms.get(promotedPin);
        order.add(privateKey(KeyGenerator.generate(currentAlgorithm)));
        roles.add(KeyRole.NEXT);
        int generatedCount = 1;
        for (Map.Entry<Pin, PrivateKeyInfo> backup : backups.entrySet()) {
            if (!backup.getKey().equals(promotedPin)) {
                order.add(backup.getValue());
                roles.add(KeyRole.BACKUP);
            }
        }
        int backupCount = backups.size() - 1;
        for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.RSA_3072, KeyAlgorithm.EC_P256)) {
            if (backupCount >= 2) {
                break;
            }
            order.add(privateKey(KeyGenerator.generate(algorithm)));
            roles.add(KeyRole.BACKUP);
            backupCount++;
            generatedCount++;
        }
        SiteInventory planned = planned(site, request, order, roles);
        PlanSettings settings = new PlanSettings(Ramp.DEFAULT, cached.includeSubDomains(), cached.reportUri(), false,
                List.of(), List.of());
        PinPolicy policy;
        try {
            policy = InventoryKeys.policy(planned, settings);
        } catch (IllegalArgumentException e) {
            throw new RefusedStepException("refused: " + e.getMessage(), null);
        }
        List<PkpHeader> headers = List.of(cached.reportOnly() ? policy.reportOnlyHeader() : policy.header(maxAge));
        Chain lost = new Chain(null, List.of(lostLeaf(request, backups.keySet(), promotedPin)));
        Schedule history = Schedule.empty().then(planned.domains(), new ServedPeriod(cachedAt, null, List.of(cached),
                List.of(lost)));
        ServedPeriod step = new ServedPeriod(request.at(), null, headers, List.of(new Chain(null, List.of(promotedPin))));
        StepVerdict verdict = new PlanGuard().check(history, planned.domains(), step);
        if (!verdict.safe()) {
            throw new RefusedStepException("refused: " + verdict.message(), null);
        }
        List<Pin> dropped = cached.pins().stream().filter(p -> planned.byPin(p).isEmpty()).toList();
        KeyEntry promoted = planned.current().get(0);
        if (dryRun) {
            return new Recovered(planned, promoted, generated(planned, generatedCount), dropped, cachedAt, headers, null,
                    true);
        }

        SiteInventory created = inventory.createWith(site, "recover from offline backups", change -> {
            change.setDomains(request.domains());
            String current = null;
            for (int i = 0; i < order.size(); i++) {
                KeyEntry added = change.addRestored(roles.get(i), order.get(i), roles.get(i) == KeyRole.NEXT ? current : null);
                if (roles.get(i) == KeyRole.CURRENT) {
                    current = added.id();
                }
            }
        });
        if (request.simulatedClock()) {
            SiteClock.simulate(inventory, site);
        }
        PlanService plans = new PlanService(inventory);
        plans.init(site, settings, cachedAt);
        StoredPlan plan = plans.markServed(site, List.of(cached), List.of(lost), cachedAt, true);
        SiteInventory live = inventory.load(site);
        return new Recovered(live, live.current().get(0), generated(live, generatedCount), dropped, cachedAt, headers,
                plan, false);
    }

    /**
     * The header a client that visited the site lately may cache: the {@code Public-Key-Pins} header the
     * site still serves (else its report-only header, which no client caches), as the RFC 7469 grammar reads it.
     *
     * @throws InventoryException when the site serves neither, or one a client would ignore
     */
    public static PkpHeader cachedHeader(dev.pinkeeper.verify.LiveResponse response) throws InventoryException {
        for (boolean reportOnly : new boolean[] {false, true}) {
            List<String> values = response.values(reportOnly ? PkpHeader.REPORT_ONLY_NAME : PkpHeader.NAME);
            if (!values.isEmpty()) {
                return parse(values.get(0), reportOnly, response.site().url());
            }
        }
        throw new InventoryException(response.site().url() + " serves no " + PkpHeader.NAME + " header: name the last"
                + " header it served, which clients may still cache");
    }

    /**
     * A header given by hand, as the RFC 7469 grammar reads it.
     *
     * @throws InventoryException when a client would ignore it
     */
    public static PkpHeader parse(String value, boolean reportOnly, String source) throws InventoryException {
        dev.pinkeeper.pin.HeaderParse parsed = dev.pinkeeper.pin.PkpHeaderParser.parse(dev.pinkeeper.pin.UserAgent.RFC,
                value, reportOnly);
        if (!parsed.valid()) {
            throw new InventoryException(source + ": the header is invalid (" + parsed.error() + "): clients ignore it");
        }
        return parsed.header();
    }

    /** The keys as the new site will record them (ids made as the inventory makes them, at {@code at}). */
    private static SiteInventory planned(String site, Request request, List<PrivateKeyInfo> keys, List<KeyRole> roles)
            throws InventoryException {
        List<KeyEntry> entries = new ArrayList<>();
        String current = null;
        for (int i = 0; i < keys.size(); i++) {
            KeyPair pair = PrivateKeyFile.keyPair(keys.get(i), null, "a backup key");
            Pin pin = Pin.ofSpki(pair.getPublic().getEncoded());
            KeyAlgorithm algorithm = KeyAlgorithm.of(pair.getPublic());
            String id = "recovered-" + i + "-" + algorithm.fileLabel();
            KeyRole role = roles.get(i);
            entries.add(new KeyEntry(id, role, algorithm, pin, request.at(), null, null, false, "private.pem",
                    role == KeyRole.NEXT ? current : null, null));
            if (role == KeyRole.CURRENT) {
                current = id;
            }
        }
        return new SiteInventory(site, request.domains(), 0, request.at(), "recover", entries);
    }

    /** The generated keys: the last {@code count} of the roles next and backup, in the order they were added. */
    private static List<KeyEntry> generated(SiteInventory inventory, int count) {
        List<KeyEntry> generated = new ArrayList<>();
        List<KeyEntry> keys = inventory.keys();
        generated.add(keys.get(1)); // the next key
        generated.addAll(keys.subList(keys.size() - (count - 1), keys.size()));
        return generated;
    }

    /**
     * The leaf the site served with the cached header: the one learnt from the site, else a cached pin of
     * a key not recovered (the lost current key), else the promoted backup's.
     */
    private static Pin lostLeaf(Request request, java.util.Set<Pin> recovered, Pin promoted) {
        if (request.servedLeaf() != null) {
            return request.servedLeaf();
        }
        return request.cached().pins().stream().filter(p -> !recovered.contains(p)).findFirst().orElse(promoted);
    }

    private static PrivateKeyInfo privateKey(KeyPair pair) {
        return PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
    }
}
