package dev.pinkeeper.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.pinkeeper.deploy.CertifiedKey;
import dev.pinkeeper.deploy.CertifiedKeyFiles;
import dev.pinkeeper.deploy.DhParameters;
import dev.pinkeeper.deploy.Header;
import dev.pinkeeper.deploy.KeyMatchCheck;
import dev.pinkeeper.deploy.PkixCheck;
import dev.pinkeeper.deploy.Release;
import dev.pinkeeper.deploy.ReleaseBatch;
import dev.pinkeeper.deploy.ReleaseContent;
import dev.pinkeeper.deploy.ReleaseStore;
import dev.pinkeeper.deploy.ReleaseSwitch;
import dev.pinkeeper.deploy.SwitchResult;
import dev.pinkeeper.deploy.TlsProbe;
import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.PinPolicy;
import dev.pinkeeper.plan.PlanGuard;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.ServedPeriod;
import dev.pinkeeper.plan.StepVerdict;
import dev.pinkeeper.plan.site.KeyOutlook;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanView;
import dev.pinkeeper.server.ServerTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteLock;
import dev.pinkeeper.site.SiteTransaction;

/**
 * Deploys a site's certificates safely. Before anything changes for the server, every new chain
 * must
 * <ol>
 * <li>certify a key the site pins (never a retired or unknown key),</li>
 * <li>be pinned by every header any client may still have cached, per the served history
 *     ({@link RolloverGate#checkEmergency}: the lockout simulator's question), and together with
 *     the new headers lock nobody out ({@link PlanGuard}),</li>
 * <li>validate (PKIX) to the site's CA roots, and match its private key;</li>
 * </ol>
 * then the server's config test runs, {@code live} is swapped, the server reloaded only if the
 * content changed, probed, and rolled back on failure ({@link ReleaseSwitch#deploy}: a release that a
 * check or the config test rejects is removed again, so a refused deployment leaves the releases as
 * they were). A deployment whose
 * files are those of the live release writes no new release and reloads nothing (unless the server's
 * own config changed since its last reload): it reports {@link DeployResult.Status#UNCHANGED}. A live release is
 * recorded in the site's plan ({@link PlanService#markServed}): its headers and chains are served
 * from {@code at} on. A site without a plan gets one with the default ramp once its first deployment
 * is live. The settings are checked first ({@link #check}): a value that cannot work changes nothing.
 *
 * <pre>{@code
 * SiteDeployer deployer = new SiteDeployer(new KeyInventory(StateDirectory.resolve(null)));
 * DeployResult result = deployer.deployIssued("example", settings, null, Instant.now());
 * }</pre>
 */
public final class SiteDeployer {
    private final KeyInventory inventory;
    private final PlanService plans;
    private final LifecycleLog log;

    public SiteDeployer(KeyInventory inventory) {
        this(new PlanService(inventory), LifecycleLog.NONE);
    }

    /**
     * A deployer that reports each deployment to {@code log}: its steps, how it ended ({@code deployed},
     * {@code unchanged}, {@code ready}, {@code refused}, {@code failed}) and the server's reload.
     */
    public SiteDeployer(KeyInventory inventory, LifecycleLog log) {
        this(new PlanService(inventory), log);
    }

    /** A deployer recording in {@code plans} (and using its inventory). */
    public SiteDeployer(PlanService plans) {
        this(plans, LifecycleLog.NONE);
    }

    /** A deployer recording in {@code plans} and reporting to {@code log}. */
    public SiteDeployer(PlanService plans, LifecycleLog log) {
        this.inventory = plans.inventory();
        this.plans = plans;
        this.log = log;
    }

    /**
     * Deploys the latest certificates issued for the current keys of the site that the plan serves now
     * ({@code certs/KEYID.pem}, written by {@link SiteIssuer}). A current key the plan holds back (added
     * later: a header still cached lacks its pin) is left out; the headers publish its pin, and a
     * deployment once every cached header pins it serves it too ({@link PlanView#heldBack()}).
     *
     * @param enforceMaxAge the enforcing max-age to serve from now on (a ramp step), or null to keep the stage
     */
    public DeployResult deployIssued(String site, DeploySettings settings, Long enforceMaxAge, Instant at)
            throws IOException, InventoryException, PlanException {
        try (SiteLock lock = inventory.lock(site)) {
            return deploy(site, issuedChains(site, settings, at), settings, enforceMaxAge, at);
        }
    }

    /**
     * Deploys {@code external} (one chain per served key) or, when null, the latest certificates issued
     * ({@link #deployIssued}) with the settings {@code choose} makes of the site's saved ones, holding the
     * site's lock from reading the saved settings to keeping the new ones: kept for later runs only once they
     * deployed.
     */
    public DeployResult deployKeeping(String site, UnaryOperator<DeploySettings> choose, List<CertifiedKey> external,
            Instant at) throws IOException, InventoryException, PlanException {
        try (SiteLock lock = inventory.lock(site)) {
            SiteSettingsStore store = new SiteSettingsStore(inventory.layout(site));
            DeploySettings settings = choose.apply(store.deploy());
            DeployResult result = external == null ? deployIssued(site, settings, null, at)
                    : deploy(site, external, settings, null, at);
            if (result.live()) {
                store.saveDeploy(settings);
            }
            return result;
        }
    }

    /** One site's {@link #deployIssued} in a {@link #deployAllIssued} batch. */
    public record IssuedDeployment(String site, DeploySettings settings, Long enforceMaxAge, Instant at) {
    }

    /**
     * {@link #deployIssued} for many sites at once: each site is checked as {@link #deployIssued} checks it,
     * and the sites whose settings name the same server are switched together, with one config test and at
     * most one reload of that server ({@link ReleaseBatch#deployAll}: a failing config test or reload falls
     * back to one site at a time, a failing probe rolls back that site only).
     *
     * @return one result per deployment, in order; a site that fails with an exception gets a
     *         {@link DeployResult.Status#FAILED} result saying why, and the others still deploy
     */
    public List<DeployResult> deployAllIssued(List<IssuedDeployment> deployments) {
        return new BatchDeployment(this, inventory).deployAll(deployments);
    }

    /** The latest chain issued for each current key the plan serves now (see {@link #deployIssued}). */
    List<CertifiedKey> issuedChains(String site, DeploySettings settings, Instant at)
            throws IOException, InventoryException, PlanException {
        PlanView view;
        if (SiteTransaction.dryRun(inventory.layout(site)) && plans.store().live(inventory.load(site)).isEmpty()) {
            view = plans.viewOrPreview(site, ImplicitPlan.defaults(settings.reportUri()), at); // the plan it would make
        } else {
            Instant when = ImplicitPlan.notBeforeLastChange(ImplicitPlan.ensure(plans, site, settings.reportUri(), at), at);
            view = plans.view(site, when);
        }
        Set<Pin> served = PlanView.leaves(view.chains());
        SiteLayout paths = inventory.layout(site);
        List<CertifiedKey> certified = new ArrayList<>();
        for (KeyEntry key : view.inventory().current()) {
            if (!served.contains(key.pin())) {
                continue;
            }
            Path chain = paths.certificate(key.id());
            if (!Files.exists(chain)) {
                throw new InventoryException(ErrorKind.USAGE, "no certificate was issued for the current key "
                        + key.id() + " of site " + site, null, Remedy.run(Remedy.Operation.ISSUE, site));
            }
            certified.add(CertifiedKeyFiles.read(chain, inventory.keyPair(site, key), "the private key of " + key.id()));
        }
        return certified;
    }

    /**
     * Checks the deployment settings before anything is written or a server touched: every value
     * ({@link DeploySettings#check}), the server's config file and program ({@link ServerTargetFactory}).
     *
     * @return the server the settings name
     * @throws InvalidSettingException naming the first setting that cannot work
     */
    public static ServerTarget check(DeploySettings settings) {
        ServerTarget server = ServerTargetFactory.of(settings.check());
        readDhParams(settings);
        return server;
    }

    /** Reads the DH parameters the settings name, as {@link #check} does: a file that cannot work is an invalid setting. */
    private static DhParameters readDhParams(DeploySettings settings) {
        try {
            return DhParameters.of(settings.dhParams());
        } catch (IOException e) {
            throw new InvalidSettingException(SiteSetting.DH_PARAMS, "cannot read " + settings.dhParams() + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()), e);
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(SiteSetting.DH_PARAMS, e.getMessage(), e);
        }
    }

    /**
     * Deploys {@code certified} (one chain per served key) for the site (see the class description), under
     * the site's lock from the first check to the plan's record of what is served.
     */
    public DeployResult deploy(String site, List<CertifiedKey> certified, DeploySettings settings, Long enforceMaxAge,
            Instant at) throws IOException, InventoryException, PlanException {
        try (SiteLock lock = inventory.lock(site)) {
            return reported(site, settings, deployLocked(site, certified, settings, enforceMaxAge, at));
        }
    }

    /** Reports {@code result} to the log: its steps (verbose), how it ended, the server's reload. */
    DeployResult reported(String site, DeploySettings settings, DeployResult result) {
        result.steps().forEach(step -> log.record(LifecycleEvent.Action.STEP, site, step));
        LifecycleEvent.Action action = LifecycleEvent.Action.valueOf(result.status().name());
        log.record(action, site, (result.release() == null || result.message().contains(result.release())
                ? "" : "release " + result.release() + ": ") + result.message());
        String target = settings.target();
        if (result.status() == DeployResult.Status.DEPLOYED && target != null && !target.equals("none")) {
            log.record(LifecycleEvent.Action.RELOADED, site, target + " reloaded to serve release " + result.release());
        }
        return result;
    }

    /** {@link #deploy} with the site's lock held: checked, then switched (or, in a dry run, only checked). */
    private DeployResult deployLocked(String site, List<CertifiedKey> certified, DeploySettings settings,
            Long enforceMaxAge, Instant at) throws IOException, InventoryException, PlanException {
        Prepared prepared = prepare(site, certified, settings, enforceMaxAge, at);
        if (prepared.refusal() != null) {
            return prepared.refusal();
        }
        if (SiteTransaction.dryRun(inventory.layout(site))) {
            return dryRun(prepared.releaseSwitch().dryRun(prepared.content()), new ArrayList<>(prepared.steps()),
                    prepared.pkps());
        }
        return finish(prepared, prepared.releaseSwitch().deploy(prepared.content()));
    }

    /**
     * A deployment checked up to its release switch: the switch and content to put live, or the refusal.
     * What {@link #finish} needs after the switch travels with it.
     */
    record Prepared(DeployResult refusal, String site, DeploySettings settings, boolean planned, Instant at,
            List<PkpHeader> pkps, List<Chain> chains, List<String> steps, ServerTarget server,
            ReleaseSwitch releaseSwitch, ReleaseContent content) {
        static Prepared refused(DeployResult refusal) {
            return new Prepared(refusal, null, null, false, null, null, null, null, null, null, null);
        }
    }

    /** Every check of {@link #deploy} before the release switch: nothing is written. */
    Prepared prepare(String site, List<CertifiedKey> certified, DeploySettings settings, Long enforceMaxAge,
            Instant at) throws IOException, InventoryException, PlanException {
        // the checks of check(settings), keeping the DH parameters they read: read once, before anything is written
        ServerTarget server = ServerTargetFactory.of(settings.check());
        DhParameters dh = readDhParams(settings);
        SiteInventory keys = inventory.load(site);
        boolean planned = plans.store().live(keys).isPresent();
        if (planned) {
            at = ImplicitPlan.notBeforeLastChange(plans.load(site), at);
        }
        // a site deployed before plan init gets its plan once the deployment is live: a refusal writes nothing
        PlanView view = plans.viewOrPreview(site, ImplicitPlan.defaults(settings.reportUri()), at);
        SiteLayout paths = inventory.layout(site);
        List<String> hosts = keys.domains();
        List<String> steps = new ArrayList<>();
        Schedule history = view.stored().history();
        PinPolicy policy = view.policy();

        List<Chain> chains = new ArrayList<>();
        Set<String> kinds = new HashSet<>();
        for (CertifiedKey key : certified) {
            if (!kinds.add(key.kind())) { // a TLS server picks its certificate by key type: one of each
                return Prepared.refused(refused("two certificates of current keys of the same type (" + key.kind()
                        + ") would be served together, but a server serves one certificate per key type: a site"
                        + " deploys at most one current RSA and one current EC key", steps));
            }
            Chain chain = ImplicitPlan.chain(key.kind(), key.chain());
            Pin leaf = chain.leaf();
            KeyEntry entry = keys.byPin(leaf).orElse(null);
            if (entry == null || entry.role() == KeyRole.RETIRED) {
                return Prepared.refused(new DeployResult(DeployResult.Status.REFUSED, null, "the certificate's key "
                        + leaf.base64() + " is not a key site " + site + " pins" + (entry == null ? "" : " (it is retired)")
                        + ": certify a CSR of the site's current key", steps, Remedy.run(Remedy.Operation.KEYS_CSR, site)));
            }
            chains.add(chain);
        }
        steps.add("every leaf certifies a pinned key");

        List<PkpHeader> pkps = enforceMaxAge != null ? List.of(policy.header(enforceMaxAge)) : view.headers();
        if (!history.hosts().isEmpty()) {
            RolloverGate gate = new RolloverGate();
            for (Chain chain : chains) {
                StepVerdict decision = gate.checkServing(history, hosts, chain, at);
                if (!decision.safe()) {
                    return Prepared.refused(refused("a header still cached by clients does not pin the new " + chain.label() + " chain: "
                            + decision.message(), steps));
                }
            }
            steps.add("every header still cached pins the new chains");
            StepVerdict verdict = new PlanGuard().check(history, hosts, new ServedPeriod(at, null, pkps, chains));
            if (!verdict.safe()) {
                return Prepared.refused(refused(verdict.message(), steps));
            }
            steps.add("the lockout simulator finds no lockout from " + at);
        }

        List<Header> headers = new ArrayList<>();
        for (PkpHeader pkp : pkps) {
            headers.add(new Header(pkp.name(), pkp.value()));
        }
        String hsts = settings.hstsValue();
        if (hsts != null) {
            headers.add(new Header("Strict-Transport-Security", hsts));
        }
        ReleaseStore store = new ReleaseStore(paths);
        ReleaseContent content = new ReleaseContent(certified, headers, dh == null ? null : dh.pem());
        AcmeSettings acme = new SiteSettingsStore(paths).acme();
        ReleaseSwitch.Builder builder = ReleaseSwitch.builder(store, server)
                .check(new PkixCheck(TrustRoots.of(acme))).check(new KeyMatchCheck());
        DeploySettings.Endpoint probe = settings.probeEndpoint();
        if (probe != null) {
            builder.probe(new TlsProbe(probe.host(), probe.port(), settings.probeServerName(hosts.get(0)),
                    Duration.ofSeconds(5)));
        }
        return new Prepared(null, site, settings, planned, at, pkps, chains, steps, server, builder.build(), content);
    }

    /** What {@link #deploy} does once the release switch ended: the plan records a live release. */
    DeployResult finish(Prepared prepared, SwitchResult result)
            throws IOException, InventoryException, PlanException {
        String site = prepared.site();
        DeploySettings settings = prepared.settings();
        Instant at = prepared.at();
        List<PkpHeader> pkps = prepared.pkps();
        List<Chain> chains = prepared.chains();
        ServerTarget server = prepared.server();
        boolean planned = prepared.planned();
        List<String> steps = new ArrayList<>(prepared.steps());
        steps.addAll(result.steps());
        if (!result.live()) {
            DeployResult.Status status = result.outcome() == SwitchResult.Outcome.REJECTED
                    ? DeployResult.Status.REFUSED : DeployResult.Status.FAILED;
            return new DeployResult(status, result.release() == null ? null : result.release().name(),
                    result.reason(), steps);
        }
        Release release = result.release();
        try {
            if (!planned) {
                ImplicitPlan.ensure(plans, site, settings.reportUri(), at);
                steps.add("plan of site " + site + " made (the default ramp)");
            }
            plans.markServed(site, pkps, chains, at, false);
            steps.add("recorded in the plan: served from " + at);
        } catch (RefusedStepException e) {
            // checked by the same guard before the switch, under the same hold of the site's lock: no other
            // change can come in between, so only a guard that disagrees with itself gets here
            steps.add("the plan refused to record it: " + e.getMessage());
            return new DeployResult(DeployResult.Status.FAILED, release.name(),
                    "live, but the plan did not record it: " + e.getMessage(), steps);
        }
        boolean switched = result.outcome() != SwitchResult.Outcome.UNCHANGED;
        boolean stopped = result.outcome() == SwitchResult.Outcome.NOT_RUNNING;
        String what = !switched ? "content unchanged, no reload" : stopped ? result.reason() : settings.target() == null
                || settings.target().equals("none") ? "live (no server to reload)" : server.name() + " reloaded";
        StringBuilder served = new StringBuilder();
        for (PkpHeader pkp : pkps) {
            served.append(", ").append(pkp.name()).append(": ").append(pkp.value());
        }
        for (KeyOutlook held : plans.view(site, at).heldBack()) {
            served.append("; ").append(held.describeWait());
        }
        DeployResult.Status status = stopped ? DeployResult.Status.READY
                : switched ? DeployResult.Status.DEPLOYED : DeployResult.Status.UNCHANGED;
        return new DeployResult(status, release.name(), what + (stopped ? "" : ": release " + release.name()) + served,
                steps);
    }

    /** What {@link ReleaseSwitch#dryRun} found, as the deployment would report it. */
    static DeployResult dryRun(SwitchResult result, List<String> steps, List<PkpHeader> pkps) {
        steps.addAll(result.steps());
        if (result.outcome() == SwitchResult.Outcome.REJECTED) {
            return new DeployResult(DeployResult.Status.REFUSED, null, result.reason(), steps);
        }
        StringBuilder served = new StringBuilder();
        for (PkpHeader pkp : pkps) {
            served.append(", ").append(pkp.name()).append(": ").append(pkp.value());
        }
        boolean unchanged = result.outcome() == SwitchResult.Outcome.UNCHANGED;
        return new DeployResult(unchanged ? DeployResult.Status.UNCHANGED : DeployResult.Status.DEPLOYED,
                result.release() == null ? null : result.release().name(), (unchanged ? "content unchanged"
                : "dry run: a new release would go live") + served, steps);
    }

    private static DeployResult refused(String message, List<String> steps) {
        return new DeployResult(DeployResult.Status.REFUSED, null, message, steps);
    }
}
