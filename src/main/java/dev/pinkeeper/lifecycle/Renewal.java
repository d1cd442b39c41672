package dev.pinkeeper.lifecycle;

import dev.pinkeeper.acme.AcmeSessions;
import dev.pinkeeper.acme.RateLimitedException;
import dev.pinkeeper.acme.Issuer;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.plan.RampStatus;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.KeyOutlook;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanView;
import dev.pinkeeper.plan.site.Rotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteTransaction;

/**
 * The maintenance run {@code pinkeeper renew} makes, idempotent and safe from cron: for each site,
 * under the site's deployment lock,
 * <ul>
 * <li>a certificate is renewed (same key) once its renewal window has started: the CA's ACME Renewal
 *     Information where offered (at a time spread over its window; asked again only after its
 *     Retry-After), else two thirds into its real
 *     lifetime, whatever it is (6 to 90 days); a missing one is issued; while the CA's rate limit is recorded
 *     ({@link RateLimitHold}) nothing is ordered and the site waits, saying until when;</li>
 * <li>a current key without a certificate (after {@code pinkeeper plan rollover} or {@code plan emergency})
 *     gets one: the plan decides a key change, renew carries it out;</li>
 * <li>a current key whose lifetime is over ({@link dev.pinkeeper.plan.site.PlanSettings#keyLifetime},
 *     a year by default) is rolled over to its pre-published next key, through the plan
 *     ({@link PlanService#rollover}), once the rollover gate allows it; until then the site waits
 *     ({@link SiteRenewal.Outcome#WAITING}) and nothing changes;</li>
 * <li>the next ramp step (report-only → enforcing max-age → longer max-age) is taken when due;</li>
 * <li>a pin the plan serves and the served headers lack (a current key added later, with its next key) is
 *     published, the new current key held back ({@link PlanView#heldBack()}); once every header still cached
 *     pins it, its chain is served too; until then the site waits ({@link SiteRenewal.Outcome#WAITING}),
 *     saying for which key and until when;</li>
 * <li>a live release that serves a key no longer current (a rollover whose deployment failed) is replaced;</li>
 * <li>if any of that happened, the site is deployed ({@link SiteDeployer}): in {@link #renew}, once every
 *     site is through, together with the other sites of its server ({@link SiteDeployer#deployAllIssued}:
 *     one config test and one reload per server and run).</li>
 * </ul>
 * A site with nothing due is left alone. Sites run concurrently (bounded); one site's failure does
 * not stop the others. The sites one worker renews share its ACME session ({@link AcmeSessions}).
 */
public final class Renewal {
    private final KeyInventory inventory;
    private final PlanService plans;
    private final SiteIssuer siteIssuer;
    private final SiteDeployer deployer;
    private final LifecycleLog log;
    private final ChangeGate gate;
    private TestCaOrder.TestCa testCa;

    /** Renewal of the sites of {@code inventory}, with the default plans, issuer and deployer. */
    public Renewal(KeyInventory inventory) {
        this(inventory, LifecycleLog.NONE);
    }

    /**
     * A renewal that reports every action to {@code log} as it happens: certificates issued or renewed, rollovers,
     * ramp steps, deployments ({@link SiteDeployer}), and each site that waits, has nothing due or failed.
     */
    public Renewal(KeyInventory inventory, LifecycleLog log) {
        this(inventory, log, ChangeGate.NONE);
    }

    /** {@link #Renewal(KeyInventory, LifecycleLog)} that asks {@code gate} before the first change to each site. */
    public Renewal(KeyInventory inventory, LifecycleLog log, ChangeGate gate) {
        this(new PlanService(inventory), log, gate);
    }

    private Renewal(PlanService plans, LifecycleLog log, ChangeGate gate) {
        this(plans, new SiteIssuer(plans.inventory(), log), new SiteDeployer(plans, log), log, gate);
    }

    /** Renewal of the sites of {@code plans}' inventory, through the given issuer and deployer. */
    public Renewal(PlanService plans, SiteIssuer issuer, SiteDeployer deployer) {
        this(plans, issuer, deployer, LifecycleLog.NONE, ChangeGate.NONE);
    }

    /**
     * Renewal of the sites of {@code plans}' inventory through the given issuer and deployer, reporting to
     * {@code log} and asking {@code gate} before the first change to each site.
     */
    public Renewal(PlanService plans, SiteIssuer issuer, SiteDeployer deployer, LifecycleLog log, ChangeGate gate) {
        this.inventory = plans.inventory();
        this.plans = plans;
        this.siteIssuer = issuer;
        this.deployer = deployer;
        this.log = log;
        this.gate = gate;
    }

    /**
     * In a dry run, also orders each certificate that is due from the test CA {@code ca} (checked and
     * discarded, see {@link TestCaOrder}); null: none.
     *
     * @return this renewal
     */
    public Renewal withTestCa(TestCaOrder.TestCa ca) {
        this.testCa = ca;
        return this;
    }

    /**
     * Renews {@code sites} with at most {@code concurrency} at a time, calling {@code progress} as each
     * finishes (from worker threads, one call at a time). The sites' certificates are renewed concurrently;
     * the sites that then need a deployment are deployed together once every site is through
     * ({@link SiteDeployer#deployAllIssued}: one config test and at most one reload per server, each site
     * checked before anything changes and probed after the reload), so that a server serving many sites
     * is reloaded once per run, not once per site.
     */
    public List<SiteRenewal> renew(List<String> sites, int concurrency, Instant at, Consumer<SiteRenewal> progress) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, sites.size())));
        AcmeSessions sessions = new AcmeSessions(); // one per CA and worker: no TLS handshake per site
        try {
            List<Future<Step>> futures = new ArrayList<>();
            for (String site : sites) {
                futures.add(pool.submit(() -> {
                    Step step = firstStep(site, at, sessions);
                    if (step.result() != null) {
                        step = new Step(recorded(step.result(), at), null);
                        synchronized (progress) {
                            progress.accept(step.result());
                        }
                    }
                    return step;
                }));
            }
            List<Step> steps = new ArrayList<>();
            for (Future<Step> future : futures) {
                try {
                    steps.add(future.get());
                } catch (Exception e) {
                    throw new IllegalStateException("renewal worker failed", e);
                }
            }
            // the pre-hooks before the first change (a deployment too): a site they refuse is not deployed
            List<Deferred> deferred = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                Deferred d = steps.get(i).deferred();
                if (d == null) {
                    continue;
                }
                try {
                    open(d.deployment().site());
                    deferred.add(d);
                } catch (Exception e) {
                    SiteRenewal refused = recorded(failed(d.deployment().site(), e), at);
                    synchronized (progress) {
                        progress.accept(refused);
                    }
                    steps.set(i, new Step(refused, null));
                }
            }
            List<DeployResult> deployed = deployer.deployAllIssued(deferred.stream().map(Deferred::deployment).toList());
            List<SiteRenewal> results = new ArrayList<>();
            int next = 0;
            for (Step step : steps) {
                if (step.result() != null) {
                    results.add(step.result());
                    continue;
                }
                SiteRenewal result = recorded(complete(step.deferred(), deployed.get(next++)), at);
                synchronized (progress) {
                    progress.accept(result);
                }
                results.add(result);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Renews one site (see the class description); never throws for the site's own failures. */
    public SiteRenewal renewOne(String site, Instant at) {
        Step step = firstStep(site, at, null);
        SiteRenewal result = step.result();
        if (result == null) {
            SiteDeployer.IssuedDeployment deployment = step.deferred().deployment();
            try {
                open(site);
                result = complete(step.deferred(), deployer.deployIssued(site, deployment.settings(),
                        deployment.enforceMaxAge(), deployment.at()));
            } catch (Exception e) {
                result = failed(site, e);
            }
        }
        return recorded(result, at);
    }

    /** {@code result}, recorded for pinkeeper status ({@link LastRenewal}); a failure to record fails the site. */
    private SiteRenewal recorded(SiteRenewal result, Instant at) {
        String site = result.site();
        if (SiteTransaction.dryRun(inventory.layout(site))) {
            return result; // a dry run is no renewal: the last one stays on record
        }
        try {
            LastRenewal.record(inventory, result, at);
        } catch (java.io.IOException | RuntimeException e) {
            result = new SiteRenewal(site, SiteRenewal.Outcome.FAILED, result.message() + "; cannot record the renewal: "
                    + e.getMessage(), result.waitUntil(), result.remedy());
        }
        switch (result.outcome()) {
            case FAILED -> log.record(LifecycleEvent.Action.FAILED, site, result.message());
            case WAITING -> log.record(LifecycleEvent.Action.WAITING, site, result.message());
            case NOTHING_DUE -> log.record(LifecycleEvent.Action.NOTHING_DUE, site, result.message());
            case DONE -> { } // each action was reported as it happened
        }
        return result;
    }

    /** Asks the change gate (the pre-hooks) before the first change to {@code site}; a dry run changes nothing. */
    private void open(String site) throws Exception {
        if (!SiteTransaction.dryRun(inventory.layout(site))) {
            gate.open(site);
        }
    }

    /** A site's renewal up to its deployment: its result, or the deployment it still needs. */
    private record Step(SiteRenewal result, Deferred deferred) {
    }

    /**
     * A site's deployment left for the end of the run, with what its result will say.
     *
     * @param done       what was carried out already (renewals, rollovers)
     * @param deployment what only the deployment carries out
     * @param waiting    the due rollovers the gate holds back
     * @param rateWait   why renewals wait for the CA's rate limit, or null
     */
    private record Deferred(SiteDeployer.IssuedDeployment deployment, List<String> done, List<String> plannedChanges,
            List<Rotation> waiting, String rateWait) {
    }

    private Step firstStep(String site, Instant at, AcmeSessions sessions) {
        try {
            return renewChecked(site, at, sessions);
        } catch (Exception e) {
            return new Step(failed(site, e), null);
        }
    }

    private static SiteRenewal failed(String site, Exception e) {
        if (e instanceof RateLimitedException limited) {
            // a hold recorded by an earlier run (no cause): wait; a fresh refusal: this run failed, the next waits
            return new SiteRenewal(site, limited.getCause() == null ? SiteRenewal.Outcome.WAITING
                    : SiteRenewal.Outcome.FAILED, limited.getMessage(), limited.retryAfter());
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        Remedy remedy = e instanceof PinkeeperException p && !p.remedies().isEmpty() ? p.remedies().get(0) : null;
        return new SiteRenewal(site, SiteRenewal.Outcome.FAILED, message.lines().findFirst().orElse(message), null,
                remedy);
    }

    /** The result of a site whose deployment ended with {@code deployed}. */
    private SiteRenewal complete(Deferred deferred, DeployResult deployed) {
        String site = deferred.deployment().site();
        Instant at = deferred.deployment().at();
        List<String> done = new ArrayList<>(deferred.done());
        List<String> deployment = deferred.plannedChanges();
        if (!deployed.live()) {
            String notTaken = deployment.isEmpty() ? "" : "not taken: " + String.join(", ", deployment) + "; ";
            return new SiteRenewal(site, SiteRenewal.Outcome.FAILED, (done.isEmpty() ? "" : String.join(", ", done)
                    + "; ") + notTaken + "deploy " + deployed.status().name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + deployed.message(), null, deployed.remedy());
        }
        done.addAll(deployment);
        Long enforce = deferred.deployment().enforceMaxAge();
        if (enforce != null && !SiteTransaction.dryRun(inventory.layout(site))) {
            log.record(LifecycleEvent.Action.RAMP_STEP, site, "max-age=" + enforce + " served from now");
        }
        try {
            // the deployment's message says which current keys it still holds back
            List<KeyOutlook> heldBack = plans.view(site, ImplicitPlan.notBeforeLastChange(plans.load(site), at)).heldBack();
            List<Rotation> waiting = deferred.waiting();
            return new SiteRenewal(site, SiteRenewal.Outcome.DONE, String.join(", ", done) + "; " + deployed.message()
                    + (waiting.isEmpty() ? "" : "; " + SiteWaits.describeWaits(waiting, List.of(), at))
                    + (deferred.rateWait() == null ? "" : "; " + deferred.rateWait()), SiteWaits.earliest(waiting, heldBack));
        } catch (Exception e) {
            return failed(site, e);
        }
    }

    private Step renewChecked(String site, Instant at, AcmeSessions sessions) throws Exception {
        SiteLayout paths = inventory.layout(site);
        SiteSettingsStore settings = new SiteSettingsStore(paths);
        AcmeSettings acme = settings.acme();
        DeploySettings deploySettings = settings.deploy(); // read once: the settings checked are the ones deployed
        List<String> done = new ArrayList<>();

        if (acme.primary() == null || acme.primary().directory() == null) {
            return new Step(new SiteRenewal(site, SiteRenewal.Outcome.NOTHING_DUE, "skipped: no ACME settings (a site"
                    + " issued by another client deploys each new certificate itself)", null,
                    Remedy.run(Remedy.Operation.DEPLOY, site)), null);
        }
        // settings that cannot work fail the site before anything changes, not halfway through
        acme.check();
        SiteDeployer.check(deploySettings);
        boolean dryRun = SiteTransaction.dryRun(paths);
        if (dryRun && plans.store().live(inventory.load(site)).isEmpty()) {
            return new Step(new SiteRenewal(site, SiteRenewal.Outcome.DONE, "dry run: the site has no plan yet: a"
                    + " renewal starts one (the default ramp), issues and deploys", null), null);
        }
        ImplicitPlan.ensure(plans, site, deploySettings.reportUri(), at);
        // one issuer per site (its binding read once), over the worker's session
        Issuer issuer = SiteIssuer.issuer(acme, "primary", paths, null, sessions);
        List<Rotation> waiting = rollOverDueKeys(site, acme, issuer, at, done);

        SiteInventory keys = inventory.load(site);
        DueCertificates dueNow = DueCertificates.of(paths, issuer, keys, at, dryRun);
        List<KeyEntry> due = dueNow.keys();
        Instant nextWindow = dueNow.nextWindow();
        RateLimitHold hold = due.isEmpty() ? null : RateLimitHold.active(paths, "primary", Instant.now());
        String rateWait = null;
        if (hold != null) {
            // the CA said when to ask again: asking before only counts against its limit again
            rateWait = "renewal of " + due.size() + " certificate" + (due.size() == 1 ? "" : "s") + " waits until "
                    + hold.until() + ": the primary CA rate-limited this site (" + hold.message() + ")";
            due.clear();
        }
        if (!due.isEmpty()) {
            if (dryRun) { // the CA's directory and renewal information were read; nothing is ordered from it
                String tested = checkWithoutOrdering(site, due, acme);
                return new Step(new SiteRenewal(site, SiteRenewal.Outcome.DONE, String.join(", ", done)
                        + (done.isEmpty() ? "" : ", ") + "would renew " + due.size() + " certificate"
                        + (due.size() == 1 ? "" : "s") + " and deploy (dry run: nothing ordered from the site's CA or"
                        + " deployed)" + tested, null), null);
            }
            open(site);
            siteIssuer.issue(site, "primary", due, acme, issuer);
            done.add("renewed " + due.size() + " certificate" + (due.size() == 1 ? "" : "s"));
        }

        PlanView now = plans.view(site, at); // nothing below changes the plan before the deployment
        RampStatus ramp = now.stage();
        Long enforce = ramp != null && ramp.nextMaxAge() != null && ramp.dueAt(at) ? ramp.nextMaxAge() : null;
        List<String> deployment = deploymentSteps(site, at, enforce, done.isEmpty(), paths, keys);
        if (done.isEmpty() && deployment.isEmpty()) {
            return new Step(SiteWaits.outcome(site, at, now, waiting, hold, rateWait, nextWindow), null);
        }
        return new Step(null, new Deferred(new SiteDeployer.IssuedDeployment(site, deploySettings, enforce, at), done,
                deployment, waiting, rateWait));
    }

    /**
     * What only the deployment carries out (and records), said as done once it is live: the ramp step to
     * {@code enforce}, else the plan's changes since the last deployment; else, when nothing else was done, the
     * redeployment of a live release that still serves a key no longer current (an earlier deployment after a
     * rollover failed and was rolled back).
     */
    private List<String> deploymentSteps(String site, Instant at, Long enforce, boolean nothingDone, SiteLayout paths,
            SiteInventory keys) throws Exception {
        List<String> deployment = new ArrayList<>();
        if (enforce != null) {
            deployment.add("ramp step to max-age=" + enforce);
        } else {
            deployment.addAll(PendingDeployment.planChanges(plans.view(site, ImplicitPlan.notBeforeLastChange(plans.load(site), at))));
        }
        if (nothingDone && deployment.isEmpty() && PendingDeployment.servesRetiredKey(paths, keys)) {
            deployment.add("the redeployment of a live release that serves a key no longer current");
        }
        return deployment;
    }

    /**
     * A dry run's stand-in for ordering {@code keys}' certificates: the checks of an order (keys readable, the
     * CA's directory answers) and, with a test CA, a certificate from it for each, checked and discarded.
     *
     * @return what the test CA did, as a clause for the site's message ("" without a test CA)
     */
    private String checkWithoutOrdering(String site, List<KeyEntry> keys, AcmeSettings acme) throws Exception {
        siteIssuer.check(site, "primary", keys, acme);
        return testCa == null ? "" : " (the test CA certified " + new TestCaOrder(inventory).order(site, keys, acme,
                testCa).size() + ": checked and discarded)";
    }

    /**
     * Rolls over every current key whose lifetime is over ({@link dev.pinkeeper.plan.site.PlanSettings#keyLifetime})
     * and whose next key the rollover gate lets become current now: a certificate for the next key first
     * (a CA failure leaves the plan as it was; one issued by the primary CA for it already, by a run that
     * stopped before the rollover, is used while it is valid and not due for renewal), then the plan's own
     * rollover ({@link PlanService#rollover}, as {@code plan rollover} does: the old key retired, a new next
     * key generated and pinned).
     *
     * @return the due rollovers the gate holds back (nothing is changed for them)
     */
    private List<Rotation> rollOverDueKeys(String site, AcmeSettings acme, Issuer issuer, Instant at,
            List<String> done) throws Exception {
        List<Rotation> waiting = new ArrayList<>();
        for (Rotation rotation : plans.view(site, at).dueRotations()) {
            if (!rotation.safe()) {
                waiting.add(rotation);
                continue;
            }
            List<KeyEntry> next = List.of(rotation.next().key());
            if (SiteTransaction.dryRun(inventory.layout(site))) { // checked (and tried at a test CA), not ordered
                done.add("would get a certificate for next key " + rotation.next().key().id()
                        + checkWithoutOrdering(site, next, acme));
            } else {
                open(site);
                if (siteIssuer.notDue(site, "primary", next, acme, at).isEmpty()) {
                    siteIssuer.issue(site, "primary", next, acme, issuer);
                }
            }
            Instant when = ImplicitPlan.notBeforeLastChange(plans.load(site), at);
            KeyChange change = plans.rollover(site, rotation.current().id(), when, false);
            String rolled = "rolled over key " + change.replaced().id() + " to " + change.promoted().id()
                    + " (retired the old key; new next key " + change.generated().id() + " pinned)";
            done.add(rolled);
            log.record(LifecycleEvent.Action.ROLLED_OVER, site, rolled.substring("rolled over ".length()));
        }
        return waiting;
    }
}
