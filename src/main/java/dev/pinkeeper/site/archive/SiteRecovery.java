package dev.pinkeeper.site.archive;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.site.Folders;
import dev.pinkeeper.site.SiteLayout;
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
 * <p>A returning client may also cache an older header the site served before, whose max-age has not run
 * out yet: each is given with the instant it was last served. The first backup whose pin every header
 * still cached carries becomes the current key (a backup pinned by every cached header is the only key a
 * returning client accepts), the other backups stay backups, a next key of the same algorithm and, when
 * fewer than two backups are left, new backups are generated. The plan records the cached headers as
 * served one after the other (the oldest for its whole max-age before it was last served, the one served
 * now up to now), so that every later step — the first deployment of the promoted key included — is
 * checked against what clients still hold; a header whose max-age ran out before now is left out. Before
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
     * @param cached         the headers clients may cache: the one served now (or last) and older ones
     * @param servedLeaf     the pin of the certificate the site serves now, or null when unknown
     * @param at             now: the time the recovery records
     * @param simulatedClock whether the site runs on a simulated clock (rehearsals, tests)
     */
    public record Request(String site, List<String> domains, List<PrivateKeyInfo> backups, List<CachedHeader> cached,
            Pin servedLeaf, Instant at, boolean simulatedClock) {
        public Request {
            domains = List.copyOf(domains);
            backups = List.copyOf(backups);
            cached = List.copyOf(cached);
        }

        /** A request with one cached header: the one the site serves now (or served last, up to now). */
        public Request(String site, List<String> domains, List<PrivateKeyInfo> backups, PkpHeader cached,
                Pin servedLeaf, Instant at, boolean simulatedClock) {
            this(site, domains, backups, List.of(new CachedHeader(cached, null)), servedLeaf, at, simulatedClock);
        }
    }

    /**
     * A header clients may cache.
     *
     * @param header     the header
     * @param lastServed when the site served it last; null for the header it serves now (or served up to now)
     */
    public record CachedHeader(PkpHeader header, Instant lastServed) {
        public CachedHeader {
            java.util.Objects.requireNonNull(header, "header");
        }

        /** Until when a client that noted it the last time it was served may hold it ({@code at}: served now). */
        public Instant cachedUntil(Instant at) {
            return until(at).plusSeconds(header.maxAge() == null ? 0 : header.maxAge());
        }

        /** The instant it was last served: {@code lastServed}, else {@code at}. */
        Instant until(Instant at) {
            return lastServed == null ? at : lastServed;
        }

        /** Whether a client that noted it enforces its pins (not report-only, a positive max-age). */
        boolean enforcing() {
            return !header.reportOnly() && header.maxAge() != null && header.maxAge() > 0;
        }
    }

    /**
     * What a recovery made.
     *
     * @param inventory the new site's keys (in a dry run, as they would be)
     * @param promoted  the backup that became current
     * @param generated the keys generated (a next key, new backups: export the backups offline)
     * @param dropped   the cached pins of keys not recovered (the lost ones): the new header leaves them out
     * @param cachedAt  from when the plan records the cached headers as served
     * @param noted     the cached headers the plan records as served, oldest first (checked against the step)
     * @param expired   the older headers given whose max-age ran out before now: no client holds them any more
     * @param headers   the headers the promoted key is to be served with
     * @param plan      the new plan (null in a dry run)
     * @param dryRun    true when nothing was written
     */
    public record Recovered(SiteInventory inventory, KeyEntry promoted, List<KeyEntry> generated, List<Pin> dropped,
            Instant cachedAt, List<CachedHeader> noted, List<CachedHeader> expired, List<PkpHeader> headers,
            StoredPlan plan, boolean dryRun) {
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
        checkNewSite(request);
        Backups backups = Backups.of(request);
        List<CachedHeader> noted = noted(request);
        PkpHeader cached = noted.get(noted.size() - 1).header(); // the one served now: the new header follows it
        List<CachedHeader> expired = request.cached().stream().filter(c -> !noted.contains(c)).toList();
        Pin promotedPin = promotable(request, backups, noted);
        long maxAge = cached.maxAge() == null ? 0 : cached.maxAge();
        List<ServedPeriod> periods = periods(request, noted, backups.keys().keySet(), promotedPin);
        Instant cachedAt = periods.get(0).from();

        // every key in memory first: the exact step is checked before anything is written
        KeyOrder order = KeyOrder.of(backups, promotedPin);
        SiteInventory planned = planned(site, request, order.keys(), order.roles());
        PlanSettings settings = new PlanSettings(Ramp.DEFAULT, cached.includeSubDomains(), cached.reportUri(), false,
                List.of(), List.of());
        List<PkpHeader> headers = checkStep(request, planned, settings, cached, maxAge, periods, promotedPin);
        List<Pin> dropped = noted.stream().flatMap(c -> c.header().pins().stream()).distinct()
                .filter(p -> planned.byPin(p).isEmpty()).toList();
        if (dryRun) {
            return new Recovered(planned, planned.current().get(0), generated(planned, order.generated()), dropped,
                    cachedAt, noted, expired, headers, null, true);
        }
        StoredPlan plan = create(request, order, settings, cachedAt, periods);
        SiteInventory live = inventory.load(site);
        return new Recovered(live, live.current().get(0), generated(live, order.generated()), dropped, cachedAt, noted,
                expired, headers, plan, false);
    }

    /** Refuses a site name that is taken (or a folder left under it) or a request without a domain. */
    private void checkNewSite(Request request) throws InventoryException {
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
    }

    /** The backup keys given, each once, by pin, with their algorithms. */
    private record Backups(Map<Pin, PrivateKeyInfo> keys, Map<Pin, KeyAlgorithm> algorithms) {
        static Backups of(Request request) throws InventoryException {
            Map<Pin, PrivateKeyInfo> backups = new LinkedHashMap<>();
            Map<Pin, KeyAlgorithm> algorithms = new LinkedHashMap<>();
            for (PrivateKeyInfo key : request.backups()) {
                KeyPair pair = PrivateKeyFile.keyPair(key, null, "a backup key");
                Pin pin = Pin.ofSpki(pair.getPublic().getEncoded());
                backups.putIfAbsent(pin, key);
                algorithms.putIfAbsent(pin, KeyAlgorithm.of(pair.getPublic()));
            }
            if (backups.isEmpty()) {
                throw new InventoryException("site " + request.site() + ": give at least one backup key");
            }
            return new Backups(backups, algorithms);
        }
    }

    /** The first backup a CA can certify that every enforcing cached header pins; refused when there is none. */
    private static Pin promotable(Request request, Backups backups, List<CachedHeader> noted)
            throws RefusedStepException {
        List<CachedHeader> held = noted.stream().filter(CachedHeader::enforcing).toList();
        List<Pin> issuable = backups.keys().keySet().stream().filter(p -> backups.algorithms().get(p).acmeIssuable())
                .toList();
        return issuable.stream().filter(p -> held.stream().allMatch(c -> c.header().pins(p))).findFirst()
                .orElseThrow(() -> refusal(request, held.isEmpty() ? noted : held, issuable));
    }

    /**
     * The recreated site's keys in the order they are added: the promoted backup (current), a new next key of its
     * algorithm, the other backups, then new backups (RSA 3072, EC P-256) until there are two.
     */
    private record KeyOrder(List<PrivateKeyInfo> keys, List<KeyRole> roles, int generated) {
        static KeyOrder of(Backups backups, Pin promotedPin) {
            List<PrivateKeyInfo> order = new ArrayList<>();
            List<KeyRole> roles = new ArrayList<>();
            order.add(backups.keys().get(promotedPin));
            roles.add(KeyRole.CURRENT);
            order.add(privateKey(KeyGenerator.generate(backups.algorithms().get(promotedPin))));
            roles.add(KeyRole.NEXT);
            int generatedCount = 1;
            for (Map.Entry<Pin, PrivateKeyInfo> backup : backups.keys().entrySet()) {
                if (!backup.getKey().equals(promotedPin)) {
                    order.add(backup.getValue());
                    roles.add(KeyRole.BACKUP);
                }
            }
            int backupCount = backups.keys().size() - 1;
            for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.RSA_3072, KeyAlgorithm.EC_P256)) {
                if (backupCount >= 2) {
                    break;
                }
                order.add(privateKey(KeyGenerator.generate(algorithm)));
                roles.add(KeyRole.BACKUP);
                backupCount++;
                generatedCount++;
            }
            return new KeyOrder(order, roles, generatedCount);
        }
    }

    /**
     * The header the recreated site serves (as the cached one: report-only or its max-age), checked by the plan
     * guard over every cached header's period; refused when serving it could lock a returning client out.
     */
    private static List<PkpHeader> checkStep(Request request, SiteInventory planned, PlanSettings settings,
            PkpHeader cached, long maxAge, List<ServedPeriod> periods, Pin promotedPin) throws RefusedStepException {
        PinPolicy policy;
        try {
            policy = InventoryKeys.policy(planned, settings);
        } catch (IllegalArgumentException e) {
            throw new RefusedStepException("refused: " + e.getMessage(), null);
        }
        List<PkpHeader> headers = List.of(cached.reportOnly() ? policy.reportOnlyHeader() : policy.header(maxAge));
        Schedule history = Schedule.empty();
        for (ServedPeriod period : periods) {
            history = history.then(planned.domains(), period);
        }
        ServedPeriod step = new ServedPeriod(request.at(), null, headers, List.of(new Chain(null, List.of(promotedPin))));
        StepVerdict verdict = new PlanGuard().check(history, planned.domains(), step);
        if (!verdict.safe()) {
            throw new RefusedStepException("refused: " + verdict.message(), null);
        }
        return headers;
    }

    /**
     * Creates the site from {@code order}, starts its plan and records each cached header's period as served: all
     * of it in a hidden staging folder beside the site's, moved into place in one rename once complete, so that an
     * interrupted recovery leaves no site (and a second one can start afresh), never keys without their plan.
     */
    private StoredPlan create(Request request, KeyOrder order, PlanSettings settings, Instant cachedAt,
            List<ServedPeriod> periods) throws InventoryException, PlanException, RefusedStepException {
        String site = request.site();
        StateDirectory state = inventory.state();
        Path target = state.site(site);
        Path staging = SafeFiles.temporarySibling(target);
        try {
            SafeFiles.createPrivateDirectories(state.sites());
            SafeFiles.createPrivateDirectory(staging);
            SafeFiles.createPrivateDirectory(SiteLayout.sites(staging));
            KeyInventory staged = inventory.withState(new StateDirectory(staging));
            StoredPlan plan = createIn(staged, request, order, settings, cachedAt, periods);
            SafeFiles.moveNew(staged.siteDirectory(site), target);
            return plan;
        } catch (FileAlreadyExistsException e) {
            throw new InventoryException("site " + site + " exists already in " + state.root() + ": nothing recovered", e);
        } catch (IOException e) {
            throw new InventoryException(target + ": cannot recreate the site: " + e.getMessage(), e);
        } finally {
            try {
                Folders.deleteTree(staging);
            } catch (IOException e) {
                // a hidden staging folder left behind is harmless; the next recovery uses another name
            }
        }
    }

    private static StoredPlan createIn(KeyInventory staged, Request request, KeyOrder order, PlanSettings settings,
            Instant cachedAt, List<ServedPeriod> periods) throws InventoryException, PlanException, RefusedStepException {
        String site = request.site();
        staged.createWith(site, "recover from offline backups", change -> {
            change.setDomains(request.domains());
            String current = null;
            for (int i = 0; i < order.keys().size(); i++) {
                KeyRole role = order.roles().get(i);
                KeyEntry added = change.addRestored(role, order.keys().get(i), role == KeyRole.NEXT ? current : null);
                if (role == KeyRole.CURRENT) {
                    current = added.id();
                }
            }
        });
        if (request.simulatedClock()) {
            SiteClock.simulate(staged, site);
        }
        PlanService plans = new PlanService(staged); // the staged site's own plans, moved with it
        plans.init(site, settings, cachedAt);
        StoredPlan plan = null;
        for (ServedPeriod period : periods) { // one after the other: each ends the one before it
            plan = plans.markServed(site, period.headers(), period.chains(), period.from(), true);
        }
        return plan;
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
     * The cached headers still held by some client at the recovery's time, in the order they were served
     * (the one served now last); checked: older ones were last served before that time, each at its own instant.
     */
    private static List<CachedHeader> noted(Request request) throws InventoryException {
        if (request.cached().isEmpty()) {
            throw new InventoryException("site " + request.site() + ": give the header clients may cache");
        }
        List<CachedHeader> current = request.cached().stream().filter(c -> c.lastServed() == null).toList();
        if (current.size() > 1) {
            throw new InventoryException("site " + request.site() + ": one header is served now, not "
                    + current.size());
        }
        List<CachedHeader> sorted = new ArrayList<>(request.cached());
        sorted.sort(java.util.Comparator.comparing(c -> c.until(request.at())));
        for (int i = 0; i < sorted.size(); i++) {
            Instant until = sorted.get(i).until(request.at());
            if (sorted.get(i).lastServed() != null && !until.isBefore(request.at())) {
                throw new InventoryException("a header last served at " + until + ", not before the recovery's time "
                        + request.at());
            }
            if (i > 0 && until.equals(sorted.get(i - 1).until(request.at()))) {
                throw new InventoryException("two headers last served at the same instant " + until);
            }
        }
        // the header served now is always recorded; an older one only while a client may still hold it
        List<CachedHeader> noted = sorted.stream().filter(c -> c.lastServed() == null
                || (c.enforcing() && c.cachedUntil(request.at()).isAfter(request.at()))).toList();
        if (noted.isEmpty()) {
            throw new InventoryException("site " + request.site() + ": no client holds any of the older headers given"
                    + " any more: give the header the site serves now, or served last");
        }
        return noted;
    }

    /**
     * The served periods the plan records, one per noted header, one after the other: the oldest from its
     * whole max-age before it was last served, each next one from when the one before was last served; the
     * last (served now) stays open. Each served the leaf the site is known to serve now (the one served
     * now), else a pin of it of a key not recovered (the lost key), else the promoted backup's.
     */
    private static List<ServedPeriod> periods(Request request, List<CachedHeader> noted, java.util.Set<Pin> recovered,
            Pin promoted) {
        List<ServedPeriod> periods = new ArrayList<>();
        Instant from = null;
        for (CachedHeader header : noted) {
            Instant until = header.until(request.at());
            if (from == null) {
                long maxAge = header.header().maxAge() == null ? 0 : header.header().maxAge();
                from = until.minusSeconds(Math.max(1, maxAge));
            }
            Pin leaf = header.lastServed() == null && request.servedLeaf() != null ? request.servedLeaf()
                    : header.header().pins().stream().filter(p -> !recovered.contains(p)).findFirst().orElse(promoted);
            periods.add(new ServedPeriod(from, header.lastServed(), List.of(header.header()),
                    List.of(new Chain(null, List.of(leaf)))));
            from = until;
        }
        return periods;
    }

    /**
     * The refusal when no backup is pinned by every header a client may hold: names the header that pins
     * none of them (else says none pins all), and when serving a backup first becomes safe.
     */
    private static RefusedStepException refusal(Request request, List<CachedHeader> held, List<Pin> issuable) {
        Instant safe = null;
        for (Pin pin : issuable) {
            Instant expiry = held.stream().filter(c -> !c.header().pins(pin)).map(c -> c.cachedUntil(request.at()))
                    .max(Instant::compareTo).orElse(request.at());
            safe = safe == null || expiry.isBefore(safe) ? expiry : safe;
        }
        CachedHeader none = held.stream().filter(c -> issuable.stream().noneMatch(p -> c.header().pins(p)))
                .reduce((a, b) -> b).orElse(null);
        if (none != null || issuable.isEmpty()) {
            CachedHeader named = none != null ? none : held.get(held.size() - 1);
            Instant until = named.cachedUntil(request.at());
            return new RefusedStepException("refused: no backup key given is pinned by the header clients cache"
                    + (named.lastServed() == null ? "" : " last served at " + named.lastServed()) + " ("
                    + named.header().pins().size() + " pins, max-age=" + named.header().maxAge() + "): serving any of"
                    + " them would lock out every client that cached it until " + until, safe == null ? until : safe);
        }
        return new RefusedStepException("refused: no backup key given is pinned by every header clients cache ("
                + held.size() + " headers, each pins another): serving any of them would lock out the clients of one"
                + " of them until " + safe, safe);
    }

    private static PrivateKeyInfo privateKey(KeyPair pair) {
        return PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
    }
}
