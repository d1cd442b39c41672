package dev.pinkeeper.plan.site;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.keys.InventoryChange;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.site.SiteTransaction;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.Plan;
import dev.pinkeeper.plan.PlanGuard;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.Schedule;

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
    private final KeyInventory inventory;
    private final PlanStore store;
    private final RolloverGate gate;
    private final PlanViews views;
    private final PlanWrites writes;

    /** The plans of the sites of {@code inventory}, with the default gate and guard. */
    public PlanService(KeyInventory inventory) {
        this(inventory, new RolloverGate(), new PlanGuard());
    }

    public PlanService(KeyInventory inventory, RolloverGate gate, PlanGuard guard) {
        this.inventory = inventory;
        this.store = new PlanStore(inventory);
        this.gate = gate;
        this.views = new PlanViews(gate, guard);
        this.writes = new PlanWrites(inventory, store, gate, guard);
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
        return writes.transact(site, "plan init", change -> {
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
        return writes.transact(site, "plan served", change -> {
            PlanContext context = open(change, at);
            return writes.serve(change, context, headers, chains, at, force);
        });
    }

    /** Records that the headers and chains {@link #view} gives are served from {@code at}. */
    public StoredPlan advance(String site, Instant at, boolean force)
            throws InventoryException, PlanException, RefusedStepException {
        return advanceStep(site, at, force).plan();
    }

    /** {@link #advance}, saying whether anything was new: what is already recorded as served changes nothing. */
    public Advance advanceStep(String site, Instant at, boolean force)
            throws InventoryException, PlanException, RefusedStepException {
        return writes.transact(site, "plan served", change -> {
            PlanContext context = open(change, at);
            PlanView view = view(change.before(), context.stored, at);
            StoredPlan after = writes.serve(change, context, view.headers(), view.chains(), at, force);
            return new Advance(after, after.version() != context.stored.version());
        });
    }

    /** Moves to the next ramp step, served from {@code at}; refused before it is due. */
    public StoredPlan rampStep(String site, Instant at) throws InventoryException, PlanException, RefusedStepException {
        return writes.transact(site, "plan ramp", change -> {
            PlanContext context = open(change, at);
            context.refuseRetired("ramp step");
            Plan after = context.servedPlan(at).rampStep();
            return writes.commit(change, context, after.history(), "ramp", at);
        });
    }

    /** {@link #rampStep}, with the headers the new step serves (from the version returned: also in a dry run). */
    public RampChange ramp(String site, Instant at) throws InventoryException, PlanException, RefusedStepException {
        StoredPlan plan = rampStep(site, at);
        return new RampChange(plan, view(site, plan, plan.written()).headers());
    }

    /**
     * Planned rollover of current key {@code currentRef} (null: the site's only current key): its next
     * key becomes current from {@code at}, a new next key is generated and pinned. Refused, with the
     * instant it becomes safe, while a header that lacked the next key's pin may still be cached.
     */
    public KeyChange rollover(String site, String currentRef, Instant at, boolean force)
            throws InventoryException, PlanException, RefusedStepException {
        return writes.transact(site, "plan rollover", change -> {
            PlanContext context = open(change, at);
            SiteInventory before = change.before();
            // decide before anything is generated: a refusal leaves no trace
            KeyEntry[] pair = KeyStepDecisions.rollover(before, context, currentRef, at, force);
            KeyEntry current = pair[0];
            KeyEntry next = pair[1];
            Plan plan = context.servedPlan(at);
            KeyEntry promoted = change.promoteNext(current.id(), at);
            KeyEntry generated = change.preview().nextFor(promoted.id()).orElseThrow();
            Plan after = plan.rollover(current.pin(), next.pin(), InventoryKeys.pinned(generated), force);
            StoredPlan stored = writes.commit(change, context, after.history(), force ? "forced rollover" : "rollover", at);
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
        return writes.transact(site, "plan emergency", change -> {
            PlanContext context = open(change, at);
            SiteInventory before = change.before();
            KeyEntry[] pair = KeyStepDecisions.emergency(before, context, backupRef, lostRef, at, force);
            KeyEntry backup = pair[0];
            KeyEntry lost = pair[1];
            Plan plan = context.servedPlan(at);
            Set<String> existing = new HashSet<>();
            before.keys().forEach(k -> existing.add(k.id()));
            KeyEntry promoted = change.promoteBackup(backup.id(), lost.id(), at);
            KeyEntry generated = change.preview().backups().stream().filter(k -> !existing.contains(k.id()))
                    .findFirst().orElseThrow();
            Plan after = plan.promoteBackup(lost.pin(), backup.pin(), InventoryKeys.pinned(generated), force);
            StoredPlan stored = writes.commit(change, context, after.history(), force ? "forced emergency" : "emergency", at);
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
        return writes.transact(site, "plan set", change -> {
            PlanContext context = open(change, at);
            context.refuseRetired("settings change");
            PlanSettings after;
            try {
                after = edit.applyTo(context.stored.settings());
            } catch (IllegalArgumentException e) {
                throw new PlanException(e.getMessage(), e);
            }
            SettingsChange decided = new SettingsGate(gate, views.guard()).check(change.before(), context.stored, after, at, force);
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
        return writes.transact(site, "plan retire", change -> {
            PlanContext context = open(change, at);
            PlanSettings settings = context.stored.settings();
            if (settings.isRetired()) {
                throw new PlanException("the plan of site " + site + " is retired already, since " + settings.retiredAt());
            }
            return store.write(change, change.before(), "retire", settings.retired(at),
                    context.stored.history(), at);
        });
    }

    /** {@link #retire}, with the wind-down the retired version makes (also in a dry run, where it is never written). */
    public RetiredPlan retirePlan(String site, Instant at) throws InventoryException, PlanException, RefusedStepException {
        StoredPlan stored = retire(site, at);
        return new RetiredPlan(stored, retirement(site, stored).orElseThrow());
    }

    /** Every plan version file of {@code site} ({@link PlanStore#versions}), oldest first; a site without a plan is refused. */
    public List<StoredPlan> versions(String site) throws InventoryException, PlanException {
        load(site);
        return store.versions(site);
    }

    /**
     * The recorded history of {@code site} as a scenario document for the lockout simulator: which header was
     * served when, with the site's keys.
     */
    public byte[] scenario(String site) throws InventoryException, PlanException {
        SiteInventory live = inventory.load(site);
        return store.scenario(requirePlan(live), live);
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
        return KeyStepDecisions.rollover(before, open(before, at), currentRef, at, false)[1];
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
        return KeyStepDecisions.emergency(before, open(before, at), backupRef, lostRef, at, false)[0];
    }

    private PlanContext open(InventoryChange change, Instant at) throws PlanException {
        return open(change.before(), at);
    }

    private PlanContext open(SiteInventory live, Instant at) throws PlanException {
        return PlanContext.open(store, live, at, gate, views.guard());
    }

    private PlanView view(SiteInventory live, StoredPlan stored, Instant at) throws PlanException {
        return views.view(live, stored, at);
    }

    private StoredPlan requirePlan(SiteInventory live) throws PlanException {
        return store.live(live).orElseThrow(() -> PlanException.noPlan(live.site()));
    }
}
