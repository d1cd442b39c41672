package dev.pinkeeper.rehearse;

import dev.pinkeeper.acme.AccountBinding;
import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.deploy.Release;
import dev.pinkeeper.deploy.ReleaseStore;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.lifecycle.AccountBindings;
import dev.pinkeeper.keys.backup.EncryptedKeyCodec;
import dev.pinkeeper.keys.backup.ExportedBackup;
import dev.pinkeeper.keys.backup.OfflineBackup;
import dev.pinkeeper.keys.backup.QrParts;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.site.archive.SiteRecovery;
import dev.pinkeeper.site.archive.SiteRecoveryRun;
import dev.pinkeeper.verify.FetchException;
import dev.pinkeeper.verify.LiveFetcher;
import dev.pinkeeper.verify.LiveResponse;
import dev.pinkeeper.verify.SiteAddress;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.lifecycle.DeployResult;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.lifecycle.KeySwitch;
import dev.pinkeeper.lifecycle.LifecycleLog;
import dev.pinkeeper.lifecycle.Programs;
import dev.pinkeeper.lifecycle.Renewal;
import dev.pinkeeper.lifecycle.SiteDeployer;
import dev.pinkeeper.lifecycle.SiteIssuer;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.lifecycle.SiteRenewal;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.Durations;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.plan.Ramp;
import dev.pinkeeper.plan.RampStatus;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.SimulationResult;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanSettings;
import dev.pinkeeper.plan.site.Rotation;
import dev.pinkeeper.plan.site.SiteClock;
import dev.pinkeeper.plan.site.StoredPlan;
import dev.pinkeeper.verify.LiveReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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

    private final Path dir;
    private final Consumer<RehearsalStep> progress;
    private final List<RehearsalStep> steps = new ArrayList<>();

    private KeyInventory inventory;
    private PlanService plans;
    private SiteLayout paths;
    private CurlCheck curl;
    private PlanCheck planCheck;

    /** A rehearsal keeping its files in {@code dir}, reporting each step to {@code progress}. */
    public Rehearsal(Path dir, Consumer<RehearsalStep> progress) {
        this.dir = dir;
        this.progress = progress;
    }

    /** The programs a rehearsal runs; the Debian package that installs each has its name. */
    private static final List<String> PROGRAMS = List.of("pebble", "nginx", "curl");
    /** The key id of the backup CA's External Account Binding (the backup pebble requires one). */
    private static final String BACKUP_EAB_KEY_ID = "rehearsal-backup";
    /** Its HMAC key: new for every rehearsal, as a CA hands out. */
    private final String backupMacKey = newMacKey();

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
        try (LocalPebble primary = startPebble(dir.resolve("ca-primary"));
             LocalPebble backup = startPebble(dir.resolve("ca-backup"), Map.of(BACKUP_EAB_KEY_ID, backupMacKey))) {
            record("start two local pebble CAs (the backup one requires an External Account Binding)", t0,
                    "both answer", "primary " + primary.directoryUrl()
                    + ", backup " + backup.directoryUrl(), true);
            Path roots = dir.resolve("roots.pem");
            Files.writeString(roots, primary.rootPem() + backup.rootPem());
            Path primaryRoot = primary.writeRoot(dir.resolve("root-primary.pem"));
            Path backupRoot = backup.writeRoot(dir.resolve("root-backup.pem"));
            try {
                live(site(keys), primary, backup, primaryRoot, backupRoot, roots, curlProgram, t0);
            } catch (IOException | RuntimeException e) { // a PinkeeperException among them
                record("unexpected failure", t0, "none", e.toString().lines().findFirst().orElse(""), false);
            }
        } finally {
            keys.exceptionally(e -> null).join();
        }
        return List.copyOf(steps);
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
    private void live(SiteInventory site, LocalPebble primary, LocalPebble backup, Path primaryRoot, Path backupRoot, Path roots,
            Path curlProgram, Instant t0) throws IOException, InventoryException, IssuanceException, PlanException,
            RefusedStepException {
        SiteSettingsStore settings = configured(primary, backup, primaryRoot, backupRoot);
        planInit(t0);
        SiteIssuer issuer = new SiteIssuer(inventory);
        SiteDeployer deployer = new SiteDeployer(inventory);
        Instant deployed = firstDeployment(site, issuer, deployer, settings);

        int port = FreePorts.next();
        try (LocalNginx nginx = LocalNginx.start(dir.resolve("nginx"), nginxServer(port), port)) {
            servedBy(nginx, port, settings, curlProgram, roots);
            verified(deployed);
            served(deployed, "Public-Key-Pins-Report-Only");

            Instant at = enforced(deployed);
            Instant firstDue = rotation(at).dueAt();
            rampClimbed(at, firstDue);
            at = rolledOverTwice(firstDue);

            at = at.plus(Duration.ofHours(1));
            emergency(issuer, deployer, settings, backupRoot, at);
            lockoutFree(at);

            at = at.plus(Duration.ofHours(1));
            recoveryDrill(primary, backup, primaryRoot, backupRoot, roots, curlProgram, nginx, port, at);
        }
    }

    /**
     * The recovery drill: a backup key every header ever served pins goes offline (its encrypted file and
     * QR sheet), the server's disk is lost (the state directory deleted; nginx still serves what it
     * loaded), and the site is recreated from the sheet's QR text alone and the header nginx still serves
     * and, in the same run, the backup certified by the backup CA and deployed ({@link SiteRecoveryRun}); then
     * {@code verify --site} and the lockout simulator over the recreated site's history.
     */
    private void recoveryDrill(LocalPebble primary, LocalPebble backup, Path primaryRoot, Path backupRoot, Path roots,
            Path curlProgram, LocalNginx nginx, int port, Instant at)
            throws IOException, InventoryException, IssuanceException, PlanException, RefusedStepException {
        KeyEntry spare = inventory.load(SITE).backups().stream()
                .filter(k -> k.publishedSince() != null && k.algorithm().acmeIssuable())
                .min(Comparator.comparing(KeyEntry::publishedSince)).orElse(null);
        if (spare == null) {
            record("recovery drill: a backup key pinned all along", at, "one", "none", false);
            return;
        }
        char[] passphrase = DRILL_PASSPHRASE.toCharArray();
        ExportedBackup exported = new OfflineBackup(inventory).export(SITE, spare.id(), dir.resolve("offline"),
                passphrase, true);
        // the texts a scan of the sheet gives (the export decoded every code back before writing the sheet)
        String scanned = String.join("\n", QrParts.split(OfflineBackup.fromFile(exported.encryptedKey())));
        record("recovery drill: export backup key " + spare.id() + " offline (encrypted file, QR sheet)", at,
                "written, the private key removed from the server", exported.qrParts() + " QR code(s) on "
                        + exported.pdf().getFileName() + (exported.key().offline() ? ", key offline" : ""),
                exported.key().offline());

        // moved out of pinkeeper's reach, kept for the record (the rehearsal's report and its tests read it)
        Files.move(dir.resolve("state"), dir.resolve(LOST_STATE));
        boolean lost = !Files.exists(dir.resolve("state"));
        record("the server's disk is lost: the state directory is gone", at, "gone, nginx still serving",
                lost ? "gone (kept aside in " + LOST_STATE + "/ for the record)" : "still there", lost);

        LiveResponse response;
        try {
            response = new LiveFetcher().connectTo("127.0.0.1").fetch(SiteAddress.parse("https://" + HOST + ":" + port + "/"));
        } catch (FetchException e) {
            throw new IOException("the live site: " + e.getMessage(), e);
        }
        PkpHeader cached = SiteRecovery.cachedHeader(response);
        Pin servedLeaf = Pin.ofSpki(response.servedChain().get(0).getPublicKey().getEncoded());
        PrivateKeyInfo key = EncryptedKeyCodec.decrypt(OfflineBackup.fromQrText(scanned), passphrase);
        // recreated, certified at the backup CA and deployed in one run (site recover --issue), all checked first
        SiteRecoveryRun.Certify certify = new SiteRecoveryRun.Certify("backup", acme(primary, backup, primaryRoot,
                backupRoot), AccountBinding.of(BACKUP_EAB_KEY_ID, backupMacKey), nginxDeploy(nginx, port));
        SiteRecoveryRun.Result run = new SiteRecoveryRun(inventory, LifecycleLog.NONE).run(new SiteRecovery.Request(
                SITE, List.of(HOST), List.of(key), cached, servedLeaf, at, true), certify);
        SiteRecovery.Recovered recovered = run.recovered();
        record("pinkeeper site recover --issue from the QR text alone and the header nginx still serves", at,
                "backup " + spare.pin().base64() + " current, the lost keys' pins dropped",
                "current " + recovered.promoted().pin().base64() + ", " + recovered.dropped().size() + " pin(s) dropped, "
                        + recovered.generated().size() + " key(s) generated",
                recovered.promoted().pin().equals(spare.pin()) && !recovered.dropped().isEmpty());

        paths = inventory.layout(SITE);
        servedBy(nginx, port, new SiteSettingsStore(paths), curlProgram, roots);
        DeployResult deployed = run.deployed();
        record("in the same run: issue at the backup CA for the promoted backup, deploy", at, "deployed",
                deployed.status() + ": " + deployed.message(), deployed.live());
        verified(at);
        lockoutFree(at);
    }

    /** The drill's offline backup passphrase (a rehearsal's keys are thrown away). */
    private static final String DRILL_PASSPHRASE = "rehearsal recovery drill";

    /** Where the drill moves the lost state directory, in the rehearsal's folder. */
    public static final String LOST_STATE = "lost-state";

    /** The site's ACME settings (primary and backup pebble) and a deploy target that only writes releases. */
    private SiteSettingsStore configured(LocalPebble primary, LocalPebble backup, Path primaryRoot, Path backupRoot)
            throws IOException {
        paths = inventory.layout(SITE);
        SiteSettingsStore settings = new SiteSettingsStore(paths);
        settings.updateAcme(acme(primary, backup, primaryRoot, backupRoot));
        // the backup CA requires an External Account Binding, as ZeroSSL, Google Trust Services and SSL.com do
        AccountBindings.save(paths, "backup", AccountBinding.of(BACKUP_EAB_KEY_ID, backupMacKey));
        settings.updateDeploy(new DeploySettings("none", null, List.of(), null, null, null, null, null, null, null, REPORT_URI,
                null, List.of()));
        return settings;
    }

    /** The site's ACME settings: the primary and the backup pebble (its binding's key id), http-01 by webroot. */
    private AcmeSettings acme(LocalPebble primary, LocalPebble backup, Path primaryRoot, Path backupRoot) {
        return new AcmeSettings(
                new CaSettings(primary.directoryUrl().toString(), primary.tlsCaFile().toString(), primaryRoot.toString()),
                new CaSettings(backup.directoryUrl().toString(), backup.tlsCaFile().toString(), backupRoot.toString(),
                        BACKUP_EAB_KEY_ID, null),
                "http-01", dir.resolve("webroot").toString(), null, null, null, List.of());
    }

    /** {@code plan init --key-lifetime} with the default ramp, at {@code t0}. */
    private void planInit(Instant t0) throws InventoryException, PlanException, RefusedStepException {
        StoredPlan plan = plans.init(SITE, new PlanSettings(Ramp.DEFAULT, false, REPORT_URI, false, List.of(),
                List.of(), KEY_LIFETIME), t0);
        record("plan init --key-lifetime " + KEY_LIFETIME.toDays() + "d (the default ramp)", t0, "plan created",
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
        record("issue at the primary CA for the current key, deploy (report-only)", deployed, "deployed",
                first.status() + ": " + first.release(), first.live());
        return deployed;
    }

    /** The nginx server block serving the site's {@code live} release on {@code port}. */
    private String nginxServer(int port) {
        Path live = paths.releaseStore().live();
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

    /** From now on deployments reload {@code nginx} and probe it; the curl and plan checks look at it. */
    private void servedBy(LocalNginx nginx, int port, SiteSettingsStore settings, Path curlProgram, Path roots)
            throws IOException {
        settings.updateDeploy(nginxDeploy(nginx, port));
        curl = new CurlCheck(curlProgram, roots, HOST, port);
        planCheck = new PlanCheck(plans, SITE, HOST, port, roots);
    }

    /** The deployment to the rehearsal's nginx, probed on {@code port}. */
    private static DeploySettings nginxDeploy(LocalNginx nginx, int port) {
        return new DeploySettings("nginx", nginx.config().toString(), nginx.commandLineOptions(), null, null, null,
                null, null, "127.0.0.1:" + port, HOST, REPORT_URI, null, List.of());
    }

    /** After the report-only period: renew steps to max-age=300, and again at once finds nothing due. */
    private Instant enforced(Instant deployed) throws IOException, InventoryException, PlanException {
        Instant at = plans.view(SITE, deployed).stage().nextAt();
        renewed(at, "renew after the 7-day report-only period", "ramp step to enforcing max-age=300, nginx reloaded",
                rampStep(300));
        verified(at);
        served(at, "Public-Key-Pins");
        renewed(at, "renew again at once", "nothing due", r -> r.outcome() == SiteRenewal.Outcome.NOTHING_DUE);
        return at;
    }

    /** From {@code at}, renews at each ramp step due before {@code firstDue}. */
    private void rampClimbed(Instant at, Instant firstDue) throws IOException, InventoryException, PlanException {
        boolean climbing = true;
        for (RampStatus stage = plans.view(SITE, at).stage(); climbing && stage.nextAt() != null
                && stage.nextAt().isBefore(firstDue); stage = plans.view(SITE, at).stage()) {
            at = stage.nextAt();
            climbing = renewed(at, "renew when the ramp's next step is due", "ramp step to max-age="
                    + stage.nextMaxAge() + " (" + Durations.human(stage.nextMaxAge()) + ")", rampStep(stage.nextMaxAge()))
                    .outcome() == SiteRenewal.Outcome.DONE;
            verified(at);
        }
    }

    /**
     * The planned rollover when the first key's lifetime is over, then the next one: renew waits while
     * clients cache headers without the new next key's pin, and rolls over at the instant it said.
     * Returns the instant of the last renew.
     */
    private Instant rolledOverTwice(Instant firstDue) throws IOException, InventoryException, PlanException {
        Rotation planned = rotation(firstDue);
        rolledOver(planned, firstDue, "renew when the current key's " + KEY_LIFETIME.toDays() + "-day lifetime is over",
                "rolled over to the next key (pinned in every header served), deployed");

        Rotation next = rotation(firstDue);
        String liveBefore = liveRelease();
        SiteRenewal waiting = renewed(next.dueAt(), "renew when the new key's lifetime is over",
                "WAITING: clients still cache headers without the new next key's pin",
                r -> r.outcome() == SiteRenewal.Outcome.WAITING && r.waitUntil() != null
                        && r.waitUntil().isAfter(next.dueAt()));
        unchanged(next.dueAt(), next, liveBefore);
        Instant at = next.dueAt();
        if (waiting.waitUntil() != null) {
            at = waiting.waitUntil();
            rolledOver(next, at, "renew at the instant the gate said (waitUntil)",
                    "rolled over to the next key (and the ramp's last step, due meanwhile), deployed");
        }
        return at;
    }

    /** The lockout simulator over the whole served history finds no visitor locked out. */
    private void lockoutFree(Instant at) throws InventoryException, PlanException {
        SimulationResult simulation = new LockoutSimulator().simulate(plans.load(SITE).history());
        record("lockout simulator over the whole served history", at, "no visitor locked out",
                simulation.lockouts().isEmpty() ? "no lockout (" + simulation.headersChecked() + " headers checked)"
                        : simulation.lockouts().get(0).describe(), simulation.lockoutFree());
    }

    private static Predicate<SiteRenewal> rampStep(long maxAge) {
        return r -> r.outcome() == SiteRenewal.Outcome.DONE && r.message().contains("ramp step to max-age=" + maxAge);
    }

    /** The rotation of the site's (single) current key, as the plan sees it at {@code at}. */
    private Rotation rotation(Instant at) throws InventoryException, PlanException {
        List<Rotation> rotations = plans.view(SITE, at).rotations();
        if (rotations.isEmpty()) {
            throw new IllegalStateException("the plan has no rotation for the current key at " + at);
        }
        return rotations.get(0);
    }

    /** Runs {@code pinkeeper renew} for the site at {@code at}. */
    private SiteRenewal renewed(Instant at, String what, String expected, Predicate<SiteRenewal> behaved) {
        SiteRenewal renewal = new Renewal(inventory).renewOne(SITE, at);
        record(what, at, expected, renewal.outcome() + ": " + renewal.message(), behaved.test(renewal));
        return renewal;
    }

    /** A renew that must roll {@code rotation}'s current key over to its next key; then the checks. */
    private void rolledOver(Rotation rotation, Instant at, String what, String expected)
            throws IOException, InventoryException, PlanException {
        KeyEntry old = rotation.current();
        KeyEntry promoted = rotation.next().key();
        renewed(at, what, expected, r -> r.outcome() == SiteRenewal.Outcome.DONE
                && r.message().contains("rolled over key " + old.id() + " to " + promoted.id()));
        verified(at);
        KeyEntry fresh = inventory.load(SITE).nextFor(promoted.id()).orElse(null);
        CurlCheck.Answer before = settled(() -> curl.fetch(List.of(old.pin())),
                a -> a.exitCode() == CurlCheck.PIN_MISMATCH);
        CurlCheck.Answer after = settled(() -> curl.fetch(List.of(promoted.pin())), a -> a.exitCode() == 0);
        boolean freshPinned = fresh != null && after.pins("Public-Key-Pins", fresh.pin());
        record("curl --pinnedpubkey: the old key's pin fails, the new key's passes", at,
                "exit " + CurlCheck.PIN_MISMATCH + ", then exit 0 with the fresh next key's pin in Public-Key-Pins",
                "old " + old.id() + ": exit " + before.exitCode() + "; new " + promoted.id() + ": exit " + after.exitCode()
                        + (fresh == null ? "; no next key" : "; next key " + fresh.id() + (freshPinned ? " pinned: "
                        + fresh.pin().base64() : " NOT pinned")),
                before.exitCode() == CurlCheck.PIN_MISMATCH && after.exitCode() == 0 && freshPinned);
    }

    /** After a renew that waited: the same key and release are served, the next key is not. */
    private void unchanged(Instant at, Rotation rotation, String liveBefore)
            throws IOException, InventoryException, PlanException {
        // settled: a worker of the reload before the renew may still answer; the release check is exact
        CurlCheck.Answer same = settled(() -> curl.fetch(List.of(rotation.current().pin())), a -> a.exitCode() == 0);
        CurlCheck.Answer next = settled(() -> curl.fetch(List.of(rotation.next().key().pin())),
                a -> a.exitCode() == CurlCheck.PIN_MISMATCH);
        boolean stillCurrent = inventory.load(SITE).current().stream().map(KeyEntry::id).toList()
                .equals(List.of(rotation.current().id()));
        String liveAfter = liveRelease();
        boolean sameRelease = liveAfter.equals(liveBefore);
        record("nothing changed while it waits", at, "curl: the served key's pin passes (exit 0), its next key's fails ("
                        + CurlCheck.PIN_MISMATCH + "); same key current, same release live",
                "key " + rotation.current().id() + ": exit " + same.exitCode() + "; next key " + rotation.next().key().id()
                        + ": exit " + next.exitCode() + "; " + (stillCurrent ? "still current" : "NO LONGER current")
                        + "; release " + liveAfter + (sameRelease ? " still live" : " live, was " + liveBefore),
                same.exitCode() == 0 && next.exitCode() == CurlCheck.PIN_MISMATCH && stillCurrent && sameRelease);
    }

    /** The current key is lost: the plan switches to a backup key, certified by the backup CA, deployed. */
    private void emergency(SiteIssuer issuer, SiteDeployer deployer, SiteSettingsStore settings, Path backupRoot,
            Instant at) throws IOException, InventoryException, IssuanceException, PlanException {
        String what = "emergency: current key lost; backup key at the backup CA";
        KeyEntry promoted;
        try {
            promoted = new KeySwitch(inventory).emergency(SITE, "backup-2", at).promoted();
        } catch (RefusedStepException e) {
            record(what, at, "allowed", "refused: " + e.getMessage(), false);
            return;
        }
        issuer.issue(SITE, "backup", List.of(promoted));
        DeployResult emergency = deployer.deployIssued(SITE, settings.deploy(), null, at);
        boolean current = inventory.load(SITE).current().get(0).id().equals(promoted.id());
        record(what, at, "allowed and deployed", emergency.status() + ": " + emergency.message(),
                emergency.live() && current);
        verified(at);
        CurlCheck.Answer answer = settled(() -> curl.trusting(backupRoot).fetch(List.of(promoted.pin())),
                a -> a.exitCode() == 0);
        record("curl trusting only the backup CA, pinned to the promoted backup key", at, "exit 0",
                "exit " + answer.exitCode(), answer.exitCode() == 0);
    }

    /** {@code pinkeeper verify --site}: the server serves what the plan says at {@code at}. */
    private void verified(Instant at) throws IOException, InventoryException, PlanException {
        LiveReport report = settled(() -> planCheck.check(at), LiveReport::good);
        record("pinkeeper verify --site " + SITE, at, "good: the plan's current key, pins, mode and max-age",
                PlanCheck.describe(report), report.good());
    }

    /** curl with the site's pins must connect and see the header; with only backup pins it must fail. */
    private void served(Instant at, String header) throws IOException, InventoryException, PlanException {
        SiteInventory site = inventory.load(SITE);
        CurlCheck.Answer pinned = settled(() -> curl.fetch(site.pins()),
                a -> a.exitCode() == 0 && a.hasHeader(header));
        record("curl --pinnedpubkey with the exported pins", at, "exit 0, " + header + " sent",
                "exit " + pinned.exitCode() + (pinned.hasHeader(header) ? ", " + header + " sent" : ", no " + header),
                pinned.exitCode() == 0 && pinned.hasHeader(header));
        List<Pin> others = site.backups().stream().map(KeyEntry::pin).toList();
        CurlCheck.Answer wrong = curl.fetch(others);
        record("curl pinned to the backup keys only", at, "exit " + CurlCheck.PIN_MISMATCH + " (pin mismatch)",
                "exit " + wrong.exitCode(), wrong.exitCode() == CurlCheck.PIN_MISMATCH);
    }

    /** The name of the release {@code live} points at. */
    private String liveRelease() throws IOException {
        return new ReleaseStore(paths).live().map(Release::name).orElse("none");
    }

    /** A check against the server. */
    private interface Probe<T> {
        T get() throws IOException, InventoryException, PlanException;
    }

    /**
     * {@code probe}'s answer once it is {@code settled}, asked again every 100 ms for up to 5 s: nginx's
     * old workers accept connections for a moment after a reload.
     */
    private static <T> T settled(Probe<T> probe, Predicate<T> settled) throws IOException, InventoryException, PlanException {
        T answer = probe.get();
        for (int i = 0; i < 50 && !settled.test(answer); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            answer = probe.get();
        }
        return answer;
    }

    private static String newMacKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private static LocalPebble startPebble(Path folder) throws IOException {
        return startPebble(folder, Map.of());
    }

    /** A local pebble; with {@code eabKeys} it requires an External Account Binding, as most public CAs do. */
    private static LocalPebble startPebble(Path folder, Map<String, String> eabKeys) throws IOException {
        try {
            return LocalPebble.start(folder, null, FreePorts.next(), eabKeys, null);
        } catch (RuntimeException e) {
            throw new IOException("cannot start a local pebble CA: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private void record(String what, Instant at, String expected, String observed, boolean ok) {
        RehearsalStep step = new RehearsalStep(at, what, expected, observed, ok);
        steps.add(step);
        progress.accept(step);
    }
}
