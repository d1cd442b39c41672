package dev.pinkeeper.plan.site;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.keys.InventoryChange;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.plan.StepVerdict;
import dev.pinkeeper.site.SiteTransaction;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.HostTimeline;
import dev.pinkeeper.plan.PinPolicy;
import dev.pinkeeper.plan.PinnedKey;
import dev.pinkeeper.plan.Plan;
import dev.pinkeeper.plan.PlanGuard;
import dev.pinkeeper.plan.RampStep;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.ServedPeriod;

/**
 * The library behind {@code pinkeeper plan …} (and the deploy command): a site's plan in its state
 * directory, changed only through the {@link RolloverGate} and the {@link PlanGuard}.
 *
 * <p>Every change runs in one site transaction ({@link SiteTransaction}, under the site's lock): it reads the live
 * plan, decides (a refusal writes nothing), makes the key changes, writes a new plan version, and
 * lets the inventory commit last. Unsafe steps throw {@link RefusedStepException}; unless
 * {@code force} is given (where an operation takes it, its refusal is {@link RefusedStepException#overridable}),
 * nothing is changed.
 */
public final class PlanService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyInventory inventory;
    private final PlanStore store;
    private final RolloverGate gate;
    private final PlanGuard guard;

    /** The plans of the sites of {@code inventory}, with the default gate and guard. */
    public PlanService(KeyInventory inventory) {
        this(inventory, new RolloverGate(), new PlanGuard());
    }

    public PlanService(KeyInventory inventory, RolloverGate gate, PlanGuard guard) {
        this.inventory = inventory;
        this.store = new PlanStore(inventory);
        this.gate = gate;
        this.guard = guard;
    }

    /** The key inventory the plans use. */
    public KeyInventory inventory() {
        return inventory;
    }

    /** Where the plan versions are kept. */
    public PlanStore store() {
        return store;
    }

    /**
     * Creates a site's plan (the site's keys must exist). Nothing is recorded as served yet: serve the
     * report-only header that {@link #view} gives, then call {@link #advance} or {@link #markServed}.
     *
     * @throws RefusedStepException if the settings make an unsafe policy (CA pins of a single CA, …)
     * @throws PlanException       if the report-uri is one a user agent ignores or a server cannot send
     */
    public StoredPlan init(String site, PlanSettings settings, Instant at)
            throws InventoryException, PlanException, RefusedStepException {
        SiteClock.checkRange(at);
        SettingsGate.checkReportUri(settings.reportUri());
        return transact(site, "plan init", change -> {
            SiteInventory live = change.before();
            if (store.live(live).isPresent()) {
                throw new PlanException("site " + site + " has a plan already",
                        Remedy.run(Remedy.Operation.PLAN_SHOW, site));
            }
            try {
                InventoryKeys.policy(live, settings);
            } catch (IllegalArgumentException e) {
                throw new RefusedStepException("refused: " + e.getMessage(), null);
            }
            return store.write(change, live, "init", settings, Schedule.empty(), at);
        });
    }

    /**
     * The site's plan at {@code at}, or, for a site without a plan, the view of the plan {@link #init}
     * would make with {@code settings} (nothing is written): what a first deployment checks before it
     * makes the plan.
     */
    public PlanView viewOrPreview(String site, PlanSettings settings, Instant at) throws InventoryException, PlanException {
        SiteInventory live = inventory.load(site);
        Optional<StoredPlan> stored = store.live(live);
        if (stored.isPresent()) {
            return view(live, stored.get(), at);
        }
        StoredPlan unsaved = new StoredPlan(site, 0, at, "init", settings,
                live.pinned().stream().map(KeyEntry::id).toList(), Schedule.empty());
        return view(live, unsaved, at);
    }

    /** The live plan of a site. */
    public StoredPlan load(String site) throws InventoryException, PlanException {
        return requirePlan(inventory.load(site));
    }

    /** The site's plan at {@code at}: the headers to serve, the ramp ahead, each key's outlook. */
    public PlanView view(String site, Instant at) throws InventoryException, PlanException {
        SiteInventory live = inventory.load(site);
        return view(live, requirePlan(live), at);
    }

    /**
     * The view of {@code plan} (a version a change of this service returned) at {@code at}, with the site's
     * live keys: what a change shows of itself, also in a dry run, where the version is never written.
     */
    public PlanView view(String site, StoredPlan plan, Instant at) throws InventoryException, PlanException {
        return view(inventory.load(site), plan, at);
    }

    /** {@link #markServed(String, List, List, Instant, boolean)} without the override: what deploy calls. */
    public StoredPlan markServed(String site, List<PkpHeader> headers, List<Chain> chains, Instant at)
            throws InventoryException, PlanException, RefusedStepException {
        return markServed(site, headers, chains, at, false);
    }

    /**
     * Records that the site's hosts serve {@code headers} with {@code chains} from {@code at} on (the
     * deploy command calls this when it deploys). Refused when it would lock a returning visitor out,
     * unless {@code force}. Serving what is already recorded changes nothing.
     */
    public StoredPlan markServed(String site, List<PkpHeader> headers, List<Chain> chains, Instant at, boolean force)
            throws InventoryException, PlanException, RefusedStepException {
        return transact(site, "plan served", change -> {
            Context context = open(change, at);
            return serve(change, context, headers, chains, at, force);
        });
    }

    /** Records that the headers and chains {@link #view} gives are served from {@code at}. */
    public StoredPlan advance(String site, Instant at, boolean force)
            throws InventoryException, PlanException, RefusedStepException {
        return transact(site, "plan served", change -> {
            Context context = open(change, at);
            PlanView view = view(change.before(), context.stored, at);
            return serve(change, context, view.headers(), view.chains(), at, force);
        });
    }

    /** Moves to the next ramp step, served from {@code at}; refused before it is due. */
    public StoredPlan rampStep(String site, Instant at) throws InventoryException, PlanException, RefusedStepException {
        return transact(site, "plan ramp", change -> {
            Context context = open(change, at);
            context.refuseRetired("ramp step");
            Plan after = context.servedPlan(at).rampStep();
            return commit(change, context, after.history(), "ramp", at);
        });
    }

    /**
     * Planned rollover of current key {@code currentRef} (null: the site's only current key): its next
     * key becomes current from {@code at}, a new next key is generated and pinned. Refused, with the
     * instant it becomes safe, while a header that lacked the next key's pin may still be cached.
     */
    public KeyChange rollover(String site, String currentRef, Instant at, boolean force)
            throws InventoryException, PlanException, RefusedStepException {
        return transact(site, "plan rollover", change -> {
            Context context = open(change, at);
            SiteInventory before = change.before();
            // decide before anything is generated: a refusal leaves no trace
            KeyEntry[] pair = decideRollover(before, context, currentRef, at, force);
            KeyEntry current = pair[0];
            KeyEntry next = pair[1];
            Plan plan = context.servedPlan(at);
            KeyEntry promoted = change.promoteNext(current.id(), at);
            KeyEntry generated = change.preview().nextFor(promoted.id()).orElseThrow();
            Plan after = plan.rollover(current.pin(), next.pin(), InventoryKeys.pinned(generated), force);
            StoredPlan stored = commit(change, context, after.history(), force ? "forced rollover" : "rollover", at);
            return new KeyChange(stored, change.key(current.id()), change.key(promoted.id()), change.key(generated.id()));
        });
    }

    /**
     * Emergency: backup {@code backupRef} replaces current key {@code lostRef} (null: the only current
     * key) from {@code at}, and a replacement backup is generated (export it offline). Allowed when
     * every header still cached pins the backup; otherwise refused unless {@code force}.
     */
    public KeyChange emergency(String site, String backupRef, String lostRef, Instant at, boolean force)
            throws InventoryException, PlanException, RefusedStepException {
        return transact(site, "plan emergency", change -> {
            Context context = open(change, at);
            SiteInventory before = change.before();
            KeyEntry[] pair = decideEmergency(before, context, backupRef, lostRef, at, force);
            KeyEntry backup = pair[0];
            KeyEntry lost = pair[1];
            Plan plan = context.servedPlan(at);
            Set<String> existing = new HashSet<>();
            before.keys().forEach(k -> existing.add(k.id()));
            KeyEntry promoted = change.promoteBackup(backup.id(), lost.id(), at);
            KeyEntry generated = change.preview().backups().stream().filter(k -> !existing.contains(k.id()))
                    .findFirst().orElseThrow();
            Plan after = plan.promoteBackup(lost.pin(), backup.pin(), InventoryKeys.pinned(generated), force);
            StoredPlan stored = commit(change, context, after.history(), force ? "forced emergency" : "emergency", at);
            return new KeyChange(stored, change.key(lost.id()), change.key(promoted.id()), change.key(generated.id()));
        });
    }

    /**
     * Changes the plan's settings from {@code at} ({@code plan set}), as {@link SettingsGate} decides: a refusal
     * writes nothing; a change writes a new plan version (its {@link StoredPlan#change} says what changed), and
     * the next deployment serves the headers it makes. An edit that changes nothing writes nothing.
     */
    public SettingsChange changeSettings(String site, PlanEdit edit, Instant at, boolean force)
            throws InventoryException, PlanException, RefusedStepException {
        return transact(site, "plan set", change -> {
            Context context = open(change, at);
            context.refuseRetired("settings change");
            PlanSettings after;
            try {
                after = edit.applyTo(context.stored.settings());
            } catch (IllegalArgumentException e) {
                throw new PlanException(e.getMessage(), e);
            }
            SettingsChange decided = new SettingsGate(gate, guard).check(change.before(), context.stored, after, at, force);
            if (!decided.changed()) {
                return decided;
            }
            StoredPlan stored = store.write(change, change.before(), (force ? "forced set: " : "set: ")
                    + String.join("; ", decided.changes()), after, context.stored.history(), at);
            return new SettingsChange(stored, decided.before(), after, decided.changes(), decided.notes());
        });
    }

    /**
     * Retires the plan from {@code at} ({@code plan retire}, {@link PlanRetirement}): from the next deployment
     * the headers carry {@code max-age=0}, then none once no client caches a pin; ramp steps and rollovers are
     * refused from now on.
     */
    public StoredPlan retire(String site, Instant at) throws InventoryException, PlanException, RefusedStepException {
        return transact(site, "plan retire", change -> {
            Context context = open(change, at);
            PlanSettings settings = context.stored.settings();
            if (settings.isRetired()) {
                throw new PlanException("the plan of site " + site + " is retired already, since " + settings.retiredAt());
            }
            return store.write(change, change.before(), "retire", settings.retired(at),
                    context.stored.history(), at);
        });
    }

    /** The retirement of {@code plan} (a version {@link #retire} returned: also in a dry run, where it is never written). */
    public Optional<PlanRetirement> retirement(String site, StoredPlan plan) throws InventoryException {
        return Optional.ofNullable(PlanRetirement.of(plan, inventory.load(site).domains(), gate));
    }

    /** How the plan of {@code site} winds pinning down, or empty when it has no plan or is not retired. */
    public Optional<PlanRetirement> retirement(String site) throws InventoryException, PlanException {
        SiteInventory live = inventory.load(site);
        Optional<StoredPlan> stored = store.live(live);
        return stored.isEmpty() ? Optional.empty() : retirement(site, stored.get());
    }

    /**
     * Whether {@link #rollover} (without {@code force}) would be allowed at {@code at}, changing nothing:
     * for a caller that must prepare first (a certificate for the next key) and switch only then.
     *
     * @return the next key that would become current
     * @throws RefusedStepException as {@link #rollover} would refuse
     */
    public KeyEntry checkRollover(String site, String currentRef, Instant at)
            throws InventoryException, PlanException, RefusedStepException {
        SiteInventory before = inventory.load(site);
        return decideRollover(before, open(before, at), currentRef, at, false)[1];
    }

    /**
     * Whether {@link #emergency} (without {@code force}) would be allowed at {@code at}, changing nothing.
     *
     * @return the backup key that would become current
     * @throws RefusedStepException as {@link #emergency} would refuse
     */
    public KeyEntry checkEmergency(String site, String backupRef, String lostRef, Instant at)
            throws InventoryException, PlanException, RefusedStepException {
        SiteInventory before = inventory.load(site);
        return decideEmergency(before, open(before, at), backupRef, lostRef, at, false)[0];
    }

    /** The current key and its next key, once the plan allows the rollover (placeholder for the new next key). */
    private KeyEntry[] decideRollover(SiteInventory before, Context context, String currentRef, Instant at,
                                      boolean force) throws InventoryException, PlanException, RefusedStepException {
        context.refuseRetired("planned rollover");
        KeyEntry current = role(before, currentRef == null ? "current" : currentRef, KeyRole.CURRENT);
        KeyEntry next = before.nextFor(current.id()).orElseThrow(() -> new PlanException(
                "current key " + current.id() + " has no next key to roll over to"));
        context.servedPlan(at).rollover(current.pin(), next.pin(), placeholder(KeyRole.NEXT), force);
        return new KeyEntry[] {current, next};
    }

    /** The backup key and the current key it replaces, once the plan allows the promotion. */
    private KeyEntry[] decideEmergency(SiteInventory before, Context context, String backupRef, String lostRef,
                                       Instant at, boolean force)
            throws InventoryException, PlanException, RefusedStepException {
        KeyEntry backup = role(before, backupRef, KeyRole.BACKUP);
        KeyEntry lost = role(before, lostRef == null ? "current" : lostRef, KeyRole.CURRENT);
        context.servedPlan(at).promoteBackup(lost.pin(), backup.pin(), placeholder(KeyRole.BACKUP), force);
        return new KeyEntry[] {backup, lost};
    }

    private PlanView view(SiteInventory live, StoredPlan stored, Instant at) throws PlanException {
        PinPolicy policy = policy(live, stored);
        List<String> hosts = live.domains();
        Schedule history = stored.history();
        List<Pin> issuers = stored.settings().issuerPins();
        List<ServedPeriod> apex = history.timeline(hosts.get(0)).map(HostTimeline::intervals).orElse(List.of());
        List<PkpHeader> servedHeaders = List.of();
        List<Chain> servedChains = List.of();
        List<PkpHeader> headers;
        dev.pinkeeper.plan.RampStatus stage = null;
        List<RampStep> upcoming;
        if (apex.isEmpty()) {
            headers = List.of(policy.reportOnlyHeader());
            upcoming = policy.ramp().timeline(at);
        } else {
            Plan plan = new Plan(policy, hosts, issuers, history, at, gate, guard);
            ServedPeriod now = servedAt(apex, at);
            servedHeaders = now == null ? List.of() : now.headers();
            servedChains = now == null ? List.of() : now.chains();
            headers = plan.stageHeaders();
            stage = plan.rampStatus();
            upcoming = plan.upcomingSteps();
        }
        PlanRetirement retirement = PlanRetirement.of(stored, hosts, gate);
        if (retirement != null) {
            headers = apex.isEmpty() ? List.of() : retirement.headers(policy, at);
            stage = stage == null ? null : new dev.pinkeeper.plan.RampStatus(stage.maxAge(), stage.reportOnly(), null, null);
            upcoming = List.of();
        }
        Set<Pin> servedLeaves = new HashSet<>();
        servedChains.forEach(c -> servedLeaves.add(c.leaf()));
        List<KeyOutlook> keys = new ArrayList<>();
        for (KeyEntry key : live.pinned()) {
            Instant published = InventoryKeys.publishedSince(history, hosts.get(0), key.pin());
            if (key.role() == KeyRole.CURRENT && (apex.isEmpty() || servedLeaves.contains(key.pin()))) {
                keys.add(new KeyOutlook(key, published, null, null));
                continue;
            }
            boolean emergency = key.role() == KeyRole.BACKUP;
            Chain chain = chainOf(key.pin(), issuers);
            StepVerdict decision = emergency ? gate.checkEmergency(history, hosts, chain, at)
                    : gate.check(history, hosts, chain, at);
            keys.add(new KeyOutlook(key, published, gate.safeFrom(history, hosts, chain, emergency), decision));
        }
        return new PlanView(stored, live, at, policy, servedHeaders, servedChains, headers,
                chainsToServe(policy, history, hosts, issuers, servedLeaves, at), stage, upcoming, keys,
                apex.isEmpty() || retirement != null ? List.of() : rotations(live, stored, keys), retirement);
    }

    /** When each current key with a next key is due for its rollover ({@link PlanSettings#keyLifetime}). */
    private static List<Rotation> rotations(SiteInventory live, StoredPlan stored, List<KeyOutlook> outlooks) {
        String apex = live.domains().get(0);
        Duration lifetime = stored.settings().keyLifetime();
        List<Rotation> rotations = new ArrayList<>();
        for (KeyEntry current : live.current()) {
            KeyEntry next = live.nextFor(current.id()).orElse(null);
            if (next == null) {
                continue;
            }
            KeyOutlook nextOutlook = outlooks.stream().filter(o -> o.key().id().equals(next.id())).findFirst().orElseThrow();
            Instant servedSince = InventoryKeys.servedSince(stored.history(), apex, current.pin());
            Instant dueAt = lifetime == null || servedSince == null ? null : servedSince.plus(lifetime);
            rotations.add(new Rotation(current, servedSince, dueAt, nextOutlook));
        }
        return rotations;
    }

    /** The interval served at {@code at}, or null. */
    private static ServedPeriod servedAt(List<ServedPeriod> intervals, Instant at) {
        for (int i = intervals.size() - 1; i >= 0; i--) {
            ServedPeriod served = intervals.get(i);
            if (!served.from().isAfter(at)) {
                return served.until() == null || served.until().isAfter(at) ? served : null;
            }
        }
        return null;
    }

    /**
     * One chain per current key, leaving out a current key not served yet while serving it would be
     * unsafe (its pin is not in every header still cached).
     */
    private List<Chain> chainsToServe(PinPolicy policy, Schedule history, List<String> hosts, List<Pin> issuers,
                                      Set<Pin> servedLeaves, Instant at) {
        List<Chain> all = Plan.chains(policy, issuers);
        if (servedLeaves.isEmpty()) {
            return all;
        }
        List<Chain> chains = all.stream().filter(c -> servedLeaves.contains(c.leaf())
                || gate.check(history, hosts, c, at).safe()).toList();
        return chains.isEmpty() ? all : chains;
    }

    private StoredPlan serve(InventoryChange change, Context context, List<PkpHeader> headers, List<Chain> chains,
                             Instant at, boolean force) throws InventoryException, PlanException, RefusedStepException {
        List<ServedPeriod> apex = context.apex();
        if (!apex.isEmpty()) {
            ServedPeriod last = apex.get(apex.size() - 1);
            if (last.open() && last.headers().equals(headers) && last.chains().equals(chains)) {
                return context.stored;
            }
        }
        ServedPeriod step = new ServedPeriod(at, null, headers, chains);
        if (!force) {
            StepVerdict verdict = guard.check(context.stored.history(), context.hosts, step);
            if (!verdict.safe()) {
                throw new RefusedStepException(verdict.message(), null, true);
            }
        }
        return commit(change, context, context.stored.history().then(context.hosts, step),
                force ? "forced served" : "served", at);
    }

    /** Records each key's publication and safe-from instants in the inventory, then writes the plan version. */
    private StoredPlan commit(InventoryChange change, Context context, Schedule history, String what, Instant at)
            throws InventoryException, PlanException {
        List<Pin> issuers = context.stored.settings().issuerPins();
        for (KeyEntry key : change.preview().pinned()) {
            Instant published = InventoryKeys.publishedSince(history, context.hosts.get(0), key.pin());
            if (!Objects.equals(published, key.publishedSince())) {
                change.setPublishedSince(key.id(), published);
            }
            Instant safe = key.role() == KeyRole.CURRENT ? null
                    : gate.safeFrom(history, context.hosts, chainOf(key.pin(), issuers), key.role() == KeyRole.BACKUP);
            if (!Objects.equals(safe, key.safeFrom())) {
                change.setSafeFrom(key.id(), safe);
            }
        }
        return store.write(change, change.preview(), what, context.stored.settings(), history, at);
    }

    private Context open(InventoryChange change, Instant at) throws PlanException {
        return open(change.before(), at);
    }

    private Context open(SiteInventory live, Instant at) throws PlanException {
        SiteClock.checkRange(at);
        StoredPlan stored = requirePlan(live);
        Instant lastStart = null;
        for (HostTimeline timeline : stored.history().hosts()) {
            for (ServedPeriod served : timeline.intervals()) {
                if (lastStart == null || served.from().isAfter(lastStart)) {
                    lastStart = served.from();
                }
            }
        }
        if (lastStart != null && !at.isAfter(lastStart)) {
            throw new PlanException("the time " + at + " is not after the last recorded change (" + lastStart
                    + "): the recorded history is never rewritten");
        }
        return new Context(stored, live.domains(), policy(live, stored));
    }

    private StoredPlan requirePlan(SiteInventory live) throws PlanException {
        return store.live(live).orElseThrow(() -> PlanException.noPlan(live.site()));
    }

    private static PinPolicy policy(SiteInventory live, StoredPlan stored) throws PlanException {
        try {
            return InventoryKeys.policy(live, stored.settings());
        } catch (IllegalArgumentException e) {
            throw new PlanException("site " + live.site() + ": " + e.getMessage(), e);
        }
    }

    private static KeyEntry role(SiteInventory inventory, String reference, KeyRole role)
            throws InventoryException, PlanException {
        KeyEntry key = inventory.find(reference);
        if (key.role() != role) {
            throw new PlanException("key " + key.id() + " of site " + inventory.site() + " is "
                    + key.role().label() + ", not " + role.label());
        }
        return key;
    }

    private static PinnedKey placeholder(KeyRole role) {
        byte[] digest = new byte[Pin.LENGTH];
        RANDOM.nextBytes(digest);
        return new PinnedKey(Pin.ofDigest(digest), role, null);
    }

    private static Chain chainOf(Pin leaf, List<Pin> issuers) {
        List<Pin> pins = new ArrayList<>();
        pins.add(leaf);
        issuers.stream().filter(p -> !p.equals(leaf)).forEach(pins::add);
        return new Chain(null, pins);
    }

    /** The live plan and what every change needs from it. */
    private final class Context {
        final StoredPlan stored;
        final List<String> hosts;
        final PinPolicy policy;

        Context(StoredPlan stored, List<String> hosts, PinPolicy policy) {
            this.stored = stored;
            this.hosts = hosts;
            this.policy = policy;
        }

        /** Refuses {@code step} when the plan is retired. */
        void refuseRetired(String step) throws PlanException {
            if (stored.settings().isRetired()) {
                throw PlanRetirement.refusal(stored.site(), step);
            }
        }

        List<ServedPeriod> apex() {
            return stored.history().timeline(hosts.get(0)).map(HostTimeline::intervals).orElse(List.of());
        }

        /** The plan state machine at {@code at}; refused while nothing was recorded as served. */
        Plan servedPlan(Instant at) throws PlanException {
            if (apex().isEmpty()) {
                throw new PlanException("nothing is recorded as served for site " + stored.site()
                        + " yet: serve the plan's header, then advance the plan",
                        Remedy.run(Remedy.Operation.PLAN_SHOW, stored.site()),
                        Remedy.run(Remedy.Operation.PLAN_ADVANCE, stored.site()));
            }
            return new Plan(policy, hosts, stored.settings().issuerPins(), stored.history(), at, gate, guard);
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T apply(InventoryChange change) throws InventoryException, PlanException, RefusedStepException;
    }

    /**
     * Runs {@code step} in the site's transaction: it decides on the change (a refusal stages nothing), the
     * key changes and the plan version are staged, and the commit writes the plan version first and the
     * key inventory version, which makes it live, last.
     */
    private <T> T transact(String site, String description, Step<T> step)
            throws InventoryException, PlanException, RefusedStepException {
        try (SiteTransaction transaction = inventory.transaction(site)) {
            InventoryChange change = inventory.change(transaction);
            T result = step.apply(change);
            inventory.stage(change, description);
            KeyInventory.commit(transaction);
            return result;
        }
    }
}
