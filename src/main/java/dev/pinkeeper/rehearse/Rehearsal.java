package dev.pinkeeper.rehearse;

import dev.pinkeeper.lifecycle.Programs;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.lifecycle.DeployResult;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.lifecycle.KeySwitch;
import dev.pinkeeper.lifecycle.Renewal;
import dev.pinkeeper.lifecycle.SiteDeployer;
import dev.pinkeeper.lifecycle.SiteIssuer;
import dev.pinkeeper.lifecycle.SitePaths;
import dev.pinkeeper.lifecycle.SiteRenewal;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.SimulationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rehearsal {@code pinkeeper rehearse} runs: a throw-away site on one machine, two local pebble
 * CAs and nginx on loopback, and the whole life of its pins on a simulated clock (real max-ages
 * would take days): issue and deploy (report-only), curl with the exported pins, the ramp to
 * enforcement, a renewal that finds nothing due, a planned rollover, a second rollover refused until
 * it is safe and then allowed, an emergency switch to a backup key at the backup CA, and the
 * lockout simulator over the whole served history. Each step is checked against what it must do.
 */
public final class Rehearsal {
    /** The rehearsal site's name. */
    public static final String SITE = "rehearsal";
    /** Its host name (resolved to 127.0.0.1 by curl's --resolve; never looked up). */
    public static final String HOST = "rehearsal.pinkeeper.test";

    /** Where the rehearsal's headers ask clients to report pin failures (nothing listens there). */
    public static final String REPORT_URI = "https://reports.pinkeeper.test/hpkp";

    private final Path dir;
    private final Consumer<RehearsalStep> progress;
    private final List<RehearsalStep> steps = new ArrayList<>();

    /** A rehearsal keeping its files in {@code dir}, reporting each step to {@code progress}. */
    public Rehearsal(Path dir, Consumer<RehearsalStep> progress) {
        this.dir = dir;
        this.progress = progress;
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
        Path curl = Programs.find("curl", "curl");
        Files.createDirectories(dir);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (LocalPebble primary = startPebble(dir.resolve("ca-primary"));
             LocalPebble backup = startPebble(dir.resolve("ca-backup"))) {
            record("start two local pebble CAs", t0, "both answer", "primary " + primary.directoryUrl()
                    + ", backup " + backup.directoryUrl(), true);
            Path roots = dir.resolve("roots.pem");
            Files.writeString(roots, primary.rootPem() + backup.rootPem());
            Path primaryRoot = primary.writeRoot(dir.resolve("root-primary.pem"));
            Path backupRoot = backup.writeRoot(dir.resolve("root-backup.pem"));
            try {
                live(primary, backup, primaryRoot, backupRoot, roots, curl, t0);
            } catch (IOException | InventoryException | RuntimeException | dev.pinkeeper.acme.IssuanceException
                    | dev.pinkeeper.plan.site.PlanException e) {
                record("unexpected failure", t0, "none", e.toString().lines().findFirst().orElse(""), false);
            }
        }
        return List.copyOf(steps);
    }

    private void live(LocalPebble primary, LocalPebble backup, Path primaryRoot, Path backupRoot, Path roots,
            Path curl, Instant t0) throws IOException, InventoryException, dev.pinkeeper.acme.IssuanceException,
            dev.pinkeeper.plan.site.PlanException {
        KeyInventory inventory = new KeyInventory(new StateDirectory(dir.resolve("state")));
        SiteInventory site = inventory.create(SITE, List.of(HOST), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_P256));
        SitePaths paths = SitePaths.of(inventory, SITE);
        SiteSettingsStore settings = new SiteSettingsStore(paths);
        settings.updateAcme(new AcmeSettings(
                new CaSettings(primary.directoryUrl().toString(), primary.tlsCaFile().toString(), primaryRoot.toString()),
                new CaSettings(backup.directoryUrl().toString(), backup.tlsCaFile().toString(), backupRoot.toString()),
                "http-01", dir.resolve("webroot").toString(), null, null, null, List.of()));
        settings.updateDeploy(new DeploySettings("none", null, List.of(), null, null, null, null, null, null, null, REPORT_URI));
        SiteIssuer issuer = new SiteIssuer(inventory);
        SiteDeployer deployer = new SiteDeployer(inventory);

        issuer.issue(SITE, "primary", site.current());
        DeployResult first = deployer.deployIssued(SITE, settings.deploy(), null, t0);
        record("issue at the primary CA for the current key, deploy (report-only)", t0, "deployed",
                first.status() + ": " + first.release(), first.live());

        int port = FreePorts.next();
        Path live = paths.releases().resolve("live");
        String server = """
                  server {
                    listen 127.0.0.1:%d ssl;
                    server_name %s;
                    ssl_certificate %s/fullchain.pem;
                    ssl_certificate_key %s/privkey.pem;
                    include %s/headers-nginx.conf;
                    location / { return 200 "rehearsal\\n"; }
                  }
                """.formatted(port, HOST, live, live, live);
        try (LocalNginx nginx = LocalNginx.start(dir.resolve("nginx"), server, port)) {
            settings.updateDeploy(new DeploySettings("nginx", nginx.config().toString(), nginx.commandLineOptions(),
                    null, null, null, null, null, "127.0.0.1:" + port, HOST, REPORT_URI));
            CurlCheck check = new CurlCheck(curl, roots, HOST, port);
            served(inventory, check, t0, "Public-Key-Pins-Report-Only");

            Instant t1 = t0.plus(Duration.ofDays(7)).plusSeconds(1);
            SiteRenewal ramp = new Renewal(inventory).renewOne(SITE, t1);
            record("renew after the 7-day report-only period", t1, "ramp step to enforcing max-age=300, nginx reloaded",
                    ramp.outcome() + ": " + ramp.message(), ramp.outcome() == SiteRenewal.Outcome.DONE
                            && ramp.message().contains("max-age=300"));
            served(inventory, check, t1, "Public-Key-Pins");
            SiteRenewal again = new Renewal(inventory).renewOne(SITE, t1);
            record("renew again at once", t1, "nothing due", again.outcome() + ": " + again.message(),
                    again.outcome() == SiteRenewal.Outcome.NOTHING_DUE);

            KeySwitch keySwitch = new KeySwitch(inventory);
            Instant t2 = t1.plus(Duration.ofMinutes(10));
            record("planned rollover to the pre-published next key", t2, "allowed (its pin was served from the start)",
                    rolloverAndDeploy(keySwitch, issuer, deployer, settings, t2), lastOk);
            served(inventory, check, t2, "Public-Key-Pins");

            Instant t3 = t2.plus(Duration.ofMinutes(1));
            Instant safeFrom = null;
            String observed;
            boolean refused;
            try {
                keySwitch.rollover(SITE, t3);
                observed = "allowed";
                refused = false;
            } catch (RefusedStepException e) {
                safeFrom = e.allowedFrom();
                observed = "refused: safe from " + safeFrom;
                refused = safeFrom != null;
            }
            record("second rollover at once, to the new next key", t3,
                    "refused: clients cached max-age=300 headers without its pin", observed, refused);
            if (safeFrom != null) {
                record("second rollover when the gate says it is safe", safeFrom, "allowed",
                        rolloverAndDeploy(keySwitch, issuer, deployer, settings, safeFrom), lastOk);
                served(inventory, check, safeFrom, "Public-Key-Pins");
            }

            Instant t4 = (safeFrom == null ? t3 : safeFrom).plus(Duration.ofHours(1));
            String backupRef = "backup-2";
            KeyEntry promoted;
            try {
                promoted = keySwitch.emergency(SITE, backupRef, t4);
                issuer.issue(SITE, "backup", List.of(promoted));
                DeployResult emergency = deployer.deployIssued(SITE, settings.deploy(), null, t4);
                boolean fromBackupCa = inventory.load(SITE).current().get(0).id().equals(promoted.id());
                record("emergency: current key lost; backup key at the backup CA", t4, "allowed and deployed",
                        emergency.status() + ": " + emergency.message(), emergency.live() && fromBackupCa);
                Path backupOnly = dir.resolve("root-backup-only.pem");
                Files.copy(backupRoot, backupOnly, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                CurlCheck backupCheck = new CurlCheck(curl, backupOnly, HOST, port);
                CurlCheck.Answer answer = backupCheck.fetch(List.of(promoted.pin()));
                record("curl trusting only the backup CA, pinned to the promoted backup key", t4, "exit 0",
                        "exit " + answer.exitCode(), answer.exitCode() == 0);
            } catch (RefusedStepException e) {
                record("emergency: current key lost; backup key at the backup CA", t4, "allowed",
                        "refused: " + e.getMessage(), false);
            }

            SimulationResult simulation = new LockoutSimulator().simulate(new dev.pinkeeper.plan.site.PlanService(inventory).load(SITE).history());
            record("lockout simulator over the whole served history", t4, "no visitor locked out",
                    simulation.lockouts().isEmpty() ? "no lockout (" + simulation.headersChecked() + " headers checked)"
                            : simulation.lockouts().get(0).describe(), simulation.lockoutFree());
        }
    }

    private boolean lastOk;

    private static LocalPebble startPebble(Path folder) throws IOException {
        try {
            return LocalPebble.start(folder, null, FreePorts.next());
        } catch (RuntimeException e) {
            throw new IOException("cannot start a local pebble CA: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private String rolloverAndDeploy(KeySwitch keySwitch, SiteIssuer issuer, SiteDeployer deployer,
            SiteSettingsStore settings, Instant at) throws IOException, InventoryException,
            dev.pinkeeper.acme.IssuanceException, dev.pinkeeper.plan.site.PlanException {
        try {
            List<KeyEntry> promoted = keySwitch.rollover(SITE, at);
            issuer.issue(SITE, "primary", promoted);
            DeployResult result = deployer.deployIssued(SITE, settings.deploy(), null, at);
            lastOk = result.live();
            return result.status() + ": " + result.message();
        } catch (RefusedStepException e) {
            lastOk = false;
            return "refused: " + e.getMessage();
        }
    }

    /** curl with the site's pins must connect and see the header; with only backup pins it must fail. */
    private void served(KeyInventory inventory, CurlCheck check, Instant at, String header)
            throws IOException, InventoryException {
        SiteInventory site = inventory.load(SITE);
        // nginx's old workers accept connections for a moment after a reload: give them time to drain
        CurlCheck.Answer pinned = check.fetch(site.pins());
        for (int i = 0; i < 50 && pinned.exitCode() == CurlCheck.PIN_MISMATCH; i++) {
            sleep();
            pinned = check.fetch(site.pins());
        }
        record("curl --pinnedpubkey with the exported pins", at, "exit 0, " + header + " sent",
                "exit " + pinned.exitCode() + (pinned.hasHeader(header) ? ", " + header + " sent" : ", no " + header),
                pinned.exitCode() == 0 && pinned.hasHeader(header));
        List<Pin> others = site.backups().stream().map(KeyEntry::pin).toList();
        CurlCheck.Answer wrong = check.fetch(others);
        record("curl pinned to the backup keys only", at, "exit " + CurlCheck.PIN_MISMATCH + " (pin mismatch)",
                "exit " + wrong.exitCode(), wrong.exitCode() == CurlCheck.PIN_MISMATCH);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(String what, Instant at, String expected, String observed, boolean ok) {
        RehearsalStep step = new RehearsalStep(at, what, expected, observed, ok);
        steps.add(step);
        progress.accept(step);
    }
}
