package dev.pinkeeper.rehearse;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import dev.pinkeeper.deploy.Release;
import dev.pinkeeper.deploy.ReleaseStore;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.plan.SimulationResult;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.Rotation;
import dev.pinkeeper.verify.LiveReport;

/**
 * The checks a rehearsal makes after its steps, each recorded: the live server against the plan
 * ({@code pinkeeper verify --site}, {@link PlanCheck}), the same server independently with
 * {@code curl --pinnedpubkey} ({@link CurlCheck}), and the lockout simulator over the served history. A
 * server's answer is asked again until it settles: nginx's old workers accept connections for a moment
 * after a reload.
 */
final class SiteChecks {
    private final KeyInventory inventory;
    private final PlanService plans;
    private final RehearsalLog log;
    private CurlCheck curl;
    private PlanCheck planCheck;

    SiteChecks(KeyInventory inventory, PlanService plans, RehearsalLog log) {
        this.inventory = inventory;
        this.plans = plans;
        this.log = log;
    }

    /** From now on deployments reload {@code nginx} and probe it; the curl and plan checks look at it. */
    /** The deployment to {@code nginx}, which serves the site on {@code port}, with its TLS probe. */
    static DeploySettings nginxDeploy(LocalNginx nginx, int port) {
        return new DeploySettings("nginx", nginx.config().toString(), nginx.commandLineOptions(),
                null, null, null, null, null, "127.0.0.1:" + port, Rehearsal.HOST, Rehearsal.REPORT_URI, null, List.of());
    }

    void servedBy(LocalNginx nginx, int port, SiteSettingsStore settings, Path curlProgram, Path roots)
            throws IOException {
        settings.updateDeploy(nginxDeploy(nginx, port));
        curl = new CurlCheck(curlProgram, roots, Rehearsal.HOST, port);
        planCheck = new PlanCheck(plans, Rehearsal.SITE, Rehearsal.HOST, port, roots);
    }

    /** {@code pinkeeper verify --site}: the server serves what the plan says at {@code at}. */
    void verified(Instant at) throws IOException, InventoryException, PlanException {
        LiveReport report = settled(() -> planCheck.check(at), LiveReport::good);
        log.record("pinkeeper verify --site " + Rehearsal.SITE, at, "good: the plan's current key, pins, mode and max-age",
                PlanCheck.describe(report), report.good());
    }

    /** curl with the site's pins must connect and see the header; with only backup pins it must fail. */
    void served(Instant at, String header) throws IOException, InventoryException, PlanException {
        SiteInventory site = inventory.load(Rehearsal.SITE);
        CurlCheck.Answer pinned = settled(() -> curl.fetch(site.pins()),
                a -> a.exitCode() == 0 && a.hasHeader(header));
        log.record("curl --pinnedpubkey with the exported pins", at, "exit 0, " + header + " sent",
                "exit " + pinned.exitCode() + (pinned.hasHeader(header) ? ", " + header + " sent" : ", no " + header),
                pinned.exitCode() == 0 && pinned.hasHeader(header));
        List<Pin> others = site.backups().stream().map(KeyEntry::pin).toList();
        CurlCheck.Answer wrong = curl.fetch(others);
        log.record("curl pinned to the backup keys only", at, "exit " + CurlCheck.PIN_MISMATCH + " (pin mismatch)",
                "exit " + wrong.exitCode(), wrong.exitCode() == CurlCheck.PIN_MISMATCH);
    }

    /**
     * After a rollover from {@code old} to {@code promoted}: curl pinned to the old key fails, pinned to the
     * new one passes and sees the fresh next key's pin in the header.
     */
    void rolledOver(Instant at, KeyEntry old, KeyEntry promoted) throws IOException, InventoryException, PlanException {
        KeyEntry fresh = inventory.load(Rehearsal.SITE).nextFor(promoted.id()).orElse(null);
        CurlCheck.Answer before = settled(() -> curl.fetch(List.of(old.pin())),
                a -> a.exitCode() == CurlCheck.PIN_MISMATCH);
        CurlCheck.Answer after = settled(() -> curl.fetch(List.of(promoted.pin())), a -> a.exitCode() == 0);
        boolean freshPinned = fresh != null && after.pins("Public-Key-Pins", fresh.pin());
        log.record("curl --pinnedpubkey: the old key's pin fails, the new key's passes", at,
                "exit " + CurlCheck.PIN_MISMATCH + ", then exit 0 with the fresh next key's pin in Public-Key-Pins",
                "old " + old.id() + ": exit " + before.exitCode() + "; new " + promoted.id() + ": exit " + after.exitCode()
                        + (fresh == null ? "; no next key" : "; next key " + fresh.id() + (freshPinned ? " pinned: "
                        + fresh.pin().base64() : " NOT pinned")),
                before.exitCode() == CurlCheck.PIN_MISMATCH && after.exitCode() == 0 && freshPinned);
    }

    /** After a renew that waited: the same key and release are served, the next key is not. */
    void unchanged(Instant at, Rotation rotation, String liveBefore)
            throws IOException, InventoryException, PlanException {
        // settled: a worker of the reload before the renew may still answer; the release check is exact
        CurlCheck.Answer same = settled(() -> curl.fetch(List.of(rotation.current().pin())), a -> a.exitCode() == 0);
        CurlCheck.Answer next = settled(() -> curl.fetch(List.of(rotation.next().key().pin())),
                a -> a.exitCode() == CurlCheck.PIN_MISMATCH);
        boolean stillCurrent = inventory.load(Rehearsal.SITE).current().stream().map(KeyEntry::id).toList()
                .equals(List.of(rotation.current().id()));
        String liveAfter = liveRelease();
        boolean sameRelease = liveAfter.equals(liveBefore);
        log.record("nothing changed while it waits", at, "curl: the served key's pin passes (exit 0), its next key's fails ("
                        + CurlCheck.PIN_MISMATCH + "); same key current, same release live",
                "key " + rotation.current().id() + ": exit " + same.exitCode() + "; next key " + rotation.next().key().id()
                        + ": exit " + next.exitCode() + "; " + (stillCurrent ? "still current" : "NO LONGER current")
                        + "; release " + liveAfter + (sameRelease ? " still live" : " live, was " + liveBefore),
                same.exitCode() == 0 && next.exitCode() == CurlCheck.PIN_MISMATCH && stillCurrent && sameRelease);
    }

    /** curl trusting only the backup CA ({@code backupRoot}), pinned to {@code promoted}, must connect. */
    void certifiedByBackupCa(Instant at, Path backupRoot, KeyEntry promoted)
            throws IOException, InventoryException, PlanException {
        CurlCheck.Answer answer = settled(() -> curl.trusting(backupRoot).fetch(List.of(promoted.pin())),
                a -> a.exitCode() == 0);
        log.record("curl trusting only the backup CA, pinned to the promoted backup key", at, "exit 0",
                "exit " + answer.exitCode(), answer.exitCode() == 0);
    }

    /** The lockout simulator over the whole served history finds no visitor locked out. */
    void lockoutFree(Instant at) throws InventoryException, PlanException {
        SimulationResult simulation = new LockoutSimulator().simulate(plans.load(Rehearsal.SITE).history());
        log.record("lockout simulator over the whole served history", at, "no visitor locked out",
                simulation.lockouts().isEmpty() ? "no lockout (" + simulation.headersChecked() + " headers checked)"
                        : simulation.lockouts().get(0).describe(), simulation.lockoutFree());
    }

    /** The name of the release {@code live} points at. */
    String liveRelease() throws IOException {
        return new ReleaseStore(inventory.layout(Rehearsal.SITE)).live().map(Release::name).orElse("none");
    }

    /** A check against the server. */
    private interface Probe<T> {
        T get() throws IOException, InventoryException, PlanException;
    }

    /** {@code probe}'s answer once it is {@code settled}, asked again every 100 ms for up to 5 s. */
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
}
