package dev.pinkeeper.rehearse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.lifecycle.DeployResult;
import dev.pinkeeper.lifecycle.KeySwitch;
import dev.pinkeeper.lifecycle.Programs;
import dev.pinkeeper.lifecycle.SiteDeployer;
import dev.pinkeeper.lifecycle.SiteIssuer;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.plan.Durations;
import dev.pinkeeper.plan.Ramp;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanSettings;
import dev.pinkeeper.plan.site.SiteClock;
import dev.pinkeeper.plan.site.StoredPlan;

/**
 * The rehearsal {@code pinkeeper rehearse} runs: a throw-away site on one machine, two local pebble
 * CAs and nginx on loopback, and the whole life of its pins as a sysadmin runs it, on a simulated
 * clock (real max-ages would take months): {@code plan init} with a short key lifetime, issue and
 * deploy (report-only), then {@code pinkeeper renew} whenever something is due — the ramp to
 * enforcement step by step, a planned rollover when the key's lifetime is over, the next rollover
 * waiting while clients still cache headers without the new next key's pin and done once the gate
 * allows it — an emergency switch to a backup key at the backup CA (which, like ZeroSSL, Google Trust
 * Services and SSL.com, requires an External Account Binding: the site keeps one), the lockout simulator over
 * the whole served history, and the recovery drill: the state directory is lost, the site recovered
 * from a backup sheet's QR text alone and the header nginx still serves, the backup certified by the
 * backup CA and deployed, {@code verify --site} good, and the simulator over the recovered history.
 * After every deployment the live server is compared with the plan
 * ({@code pinkeeper verify --site}, {@link PlanCheck}) and checked independently with
 * {@code curl --pinnedpubkey} ({@link CurlCheck}). Each step is checked against what it must do.
 *
 * <p>This class runs the operator's own steps (plan init, the first deployment, the emergency switch);
 * {@link RehearsalCas} starts the CAs, {@link RenewalSteps} renews through the ramp and the rollovers,
 * {@link RecoveryDrill} loses and recovers the site, {@link SiteChecks} checks after each step and
 * {@link RehearsalLog} records every step.
 */
public final class Rehearsal {
    /** The rehearsal site's name. */
    public static final String SITE = "rehearsal";
    /** Its host name (resolved to 127.0.0.1 by curl's --resolve; never looked up). */
    public static final String HOST = "rehearsal.pinkeeper.test";

    /** Where the rehearsal's headers ask clients to report pin failures (nothing listens there). */
    public static final String REPORT_URI = "https://reports.pinkeeper.test/hpkp";

    /**
     * The key lifetime of the rehearsal's plan ({@code plan init --key-lifetime 20d}): the first key is
     * rolled over once the default ramp has reached max-age=30 days, so the next rollover falls due
     * while clients still cache headers without the new next key's pin, and renew has to wait.
     */
    public static final Duration KEY_LIFETIME = Duration.ofDays(20);

    /** Where the recovery drill moves the lost state directory, in the rehearsal's folder. */
    public static final String LOST_STATE = "lost-state";

    /** The programs a rehearsal runs; the Debian package that installs each has its name. */
    private static final List<String> PROGRAMS = List.of("pebble", "nginx", "curl");

    private final Path dir;
    private final RehearsalLog log;

    private KeyInventory inventory;
    private PlanService plans;
    private SiteChecks checks;

    /** A rehearsal keeping its files in {@code dir}, reporting each step to {@code progress}. */
    public Rehearsal(Path dir, Consumer<RehearsalStep> progress) {
        this.dir = dir;
        this.log = new RehearsalLog(progress);
    }

    /** The Debian packages of the programs a rehearsal runs that are not installed (none: it can run). */
    public static List<String> missingPackages() {
        List<String> missing = new ArrayList<>();
        for (String program : PROGRAMS) {
            try {
                Programs.find(program, program);
            } catch (Programs.MissingProgramException e) {
                missing.add(program);
            }
        }
        return missing;
    }

    /**
     * Runs every step; a step that throws is recorded as failed and ends the rehearsal.
     *
     * @return the steps, in order
     * @throws Programs.MissingProgramException when pebble, nginx or curl is not installed
     */
    public List<RehearsalStep> run() throws Programs.MissingProgramException, IOException {
        Programs.find("pebble", "pebble");
        Programs.find("nginx", "nginx");
        Path curlProgram = Programs.find("curl", "curl");
        Files.createDirectories(dir);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        inventory = new KeyInventory(new StateDirectory(dir.resolve("state")));
        plans = new PlanService(inventory);
        checks = new SiteChecks(inventory, plans, log);
        // the site's keys are generated while the CAs start
        CompletableFuture<SiteInventory> keys = CompletableFuture.supplyAsync(() -> {
            try {
                SiteInventory created = inventory.create(SITE, List.of(HOST), List.of(KeyAlgorithm.EC_P256),
                        List.of(KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_P256));
                // its times are months ahead of the machine's clock: say so, for the commands run on it later
                SiteClock.simulate(inventory, SITE);
                return created;
            } catch (InventoryException | PlanException e) {
                throw new CompletionException(e);
            }
        });
        try (RehearsalCas cas = RehearsalCas.start(dir)) {
            log.record("start two local pebble CAs (the backup one requires an External Account Binding)", t0,
                    "both answer", cas.describe(), true);
            cas.writeRoots(dir);
            try {
                live(site(keys), cas, curlProgram, t0);
            } catch (IOException | RuntimeException e) { // a PinkeeperException among them
                log.record("unexpected failure", t0, "none", e.toString().lines().findFirst().orElse(""), false);
            }
        } finally {
            keys.exceptionally(e -> null).join();
        }
        return log.steps();
    }

    private static SiteInventory site(CompletableFuture<SiteInventory> keys) throws InventoryException {
        try {
            return keys.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof InventoryException inventoryFailure) {
                throw inventoryFailure;
            }
            if (e.getCause() instanceof PlanException planFailure) {
                throw new InventoryException(planFailure.getMessage(), planFailure);
            }
            throw e;
        }
    }

    /** The rehearsal proper, once the CAs run and the site's keys exist: each named step in order. */
    private void live(SiteInventory site, RehearsalCas cas, Path curlProgram, Instant t0) throws IOException,
            InventoryException, IssuanceException, PlanException, RefusedStepException {
        SiteSettingsStore settings = cas.configure(inventory, SITE, dir.resolve("webroot"), REPORT_URI);
        planInit(t0);
        SiteIssuer issuer = new SiteIssuer(inventory);
        SiteDeployer deployer = new SiteDeployer(inventory);
        Instant deployed = firstDeployment(site, issuer, deployer, settings);

        int port = FreePorts.next();
        try (LocalNginx nginx = LocalNginx.start(dir.resolve("nginx"), nginxServer(port), port)) {
            checks.servedBy(nginx, port, settings, curlProgram, cas.roots());
            checks.verified(deployed);
            checks.served(deployed, "Public-Key-Pins-Report-Only");

            Instant at = new RenewalSteps(inventory, plans, log, checks).run(deployed);

            at = at.plus(Duration.ofHours(1));
            emergency(issuer, deployer, settings, cas.backupRoot(), at);
            checks.lockoutFree(at);

            at = at.plus(Duration.ofHours(1));
            new RecoveryDrill(dir, inventory, log, checks, cas).run(nginx, port, curlProgram, at);
        }
    }

    /** {@code plan init --key-lifetime} with the default ramp, at {@code t0}. */
    private void planInit(Instant t0) throws InventoryException, PlanException, RefusedStepException {
        StoredPlan plan = plans.init(SITE, new PlanSettings(Ramp.DEFAULT, false, REPORT_URI, false, List.of(),
                List.of(), KEY_LIFETIME), t0);
        log.record("plan init --key-lifetime " + KEY_LIFETIME.toDays() + "d (the default ramp)", t0, "plan created",
                "plan version " + plan.version() + ": report-only for " + Durations.human(
                        plan.settings().ramp().reportOnly().getSeconds()) + ", then max-age " + plan.settings().ramp()
                        .maxAges().stream().map(d -> Durations.human(d.getSeconds())).collect(Collectors.joining(" > "))
                        + "; each key rolled over after " + Durations.human(KEY_LIFETIME.getSeconds()), true);
    }

    /** Issues at the primary CA for the current key and deploys it (report-only); returns the deployment's instant. */
    private Instant firstDeployment(SiteInventory site, SiteIssuer issuer, SiteDeployer deployer,
            SiteSettingsStore settings) throws IOException, InventoryException, IssuanceException, PlanException {
        issuer.issue(SITE, "primary", site.current());
        // the chain is checked at the simulated instants: they start once the certificate is valid
        Instant deployed = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        DeployResult first = deployer.deployIssued(SITE, settings.deploy(), null, deployed);
        log.record("issue at the primary CA for the current key, deploy (report-only)", deployed, "deployed",
                first.status() + ": " + first.release(), first.live());
        return deployed;
    }

    /** The nginx server block serving the site's {@code live} release on {@code port}. */
    private String nginxServer(int port) {
        Path live = inventory.layout(SITE).releaseStore().live();
        return """
                  server {
                    listen 127.0.0.1:%d ssl;
                    server_name %s;
                    ssl_certificate %s/fullchain.pem;
                    ssl_certificate_key %s/privkey.pem;
                    include %s/headers-nginx.conf;
                    location / { return 200 "rehearsal\\n"; }
                  }
                """.formatted(port, HOST, live, live, live);
    }

    /** The current key is lost: the plan switches to a backup key, certified by the backup CA, deployed. */
    private void emergency(SiteIssuer issuer, SiteDeployer deployer, SiteSettingsStore settings, Path backupRoot,
            Instant at) throws IOException, InventoryException, IssuanceException, PlanException {
        String what = "emergency: current key lost; backup key at the backup CA";
        KeyEntry promoted;
        try {
            promoted = new KeySwitch(inventory).emergency(SITE, "backup-2", at).promoted();
        } catch (RefusedStepException e) {
            log.record(what, at, "allowed", "refused: " + e.getMessage(), false);
            return;
        }
        issuer.issue(SITE, "backup", List.of(promoted));
        DeployResult emergency = deployer.deployIssued(SITE, settings.deploy(), null, at);
        boolean current = inventory.load(SITE).current().get(0).id().equals(promoted.id());
        log.record(what, at, "allowed and deployed", emergency.status() + ": " + emergency.message(),
                emergency.live() && current);
        checks.verified(at);
        checks.certifiedByBackupCa(at, backupRoot, promoted);
    }
}
