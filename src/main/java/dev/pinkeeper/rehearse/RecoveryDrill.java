package dev.pinkeeper.rehearse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.backup.EncryptedKeyCodec;
import dev.pinkeeper.keys.backup.ExportedBackup;
import dev.pinkeeper.keys.backup.OfflineBackup;
import dev.pinkeeper.keys.backup.QrParts;
import dev.pinkeeper.lifecycle.DeployResult;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.site.archive.SiteRecovery;
import dev.pinkeeper.lifecycle.LifecycleLog;
import dev.pinkeeper.site.archive.SiteRecoveryRun;
import dev.pinkeeper.verify.FetchException;
import dev.pinkeeper.verify.LiveFetcher;
import dev.pinkeeper.verify.LiveResponse;
import dev.pinkeeper.verify.SiteAddress;

/**
 * The recovery drill: a backup key every header ever served pins goes offline (its encrypted file and
 * QR sheet), the server's disk is lost (the state directory moved aside; nginx still serves what it
 * loaded), and the site is recreated from the sheet's QR text alone and the header nginx still serves
 * and, in the same run, the backup certified by the backup CA and deployed ({@link SiteRecoveryRun}); then
 * {@code verify --site} and the lockout simulator over the recreated site's history.
 */
final class RecoveryDrill {
    /** The drill's offline backup passphrase (a rehearsal's keys are thrown away). */
    private static final String DRILL_PASSPHRASE = "rehearsal recovery drill";

    private final Path dir;
    private final KeyInventory inventory;
    private final RehearsalLog log;
    private final SiteChecks checks;
    private final RehearsalCas cas;

    /** A drill on the rehearsal in {@code dir} (its state directory {@code dir/state}), with its CAs. */
    RecoveryDrill(Path dir, KeyInventory inventory, RehearsalLog log, SiteChecks checks, RehearsalCas cas) {
        this.dir = dir;
        this.inventory = inventory;
        this.log = log;
        this.checks = checks;
        this.cas = cas;
    }

    /** Runs the drill at {@code at} against {@code nginx}, which serves the site on {@code port}. */
    void run(LocalNginx nginx, int port, Path curlProgram, Instant at)
            throws IOException, InventoryException, IssuanceException, PlanException, RefusedStepException {
        KeyEntry spare = inventory.load(Rehearsal.SITE).backups().stream()
                .filter(k -> k.publishedSince() != null && k.algorithm().acmeIssuable())
                .min(Comparator.comparing(KeyEntry::publishedSince)).orElse(null);
        if (spare == null) {
            log.record("recovery drill: a backup key pinned all along", at, "one", "none", false);
            return;
        }
        String scanned = offline(spare, at);
        diskLost(at);
        // recreated, certified at the backup CA and deployed in one run (site recover --issue), all checked first
        SiteRecoveryRun.Certify certify = new SiteRecoveryRun.Certify("backup", cas.acme(dir.resolve("webroot")),
                cas.backupBinding(), SiteChecks.nginxDeploy(nginx, port));
        SiteRecoveryRun.Result run = recovered(spare, scanned, port, at, certify);

        checks.servedBy(nginx, port, new SiteSettingsStore(inventory.layout(Rehearsal.SITE)), curlProgram, cas.roots());
        DeployResult deployed = run.deployed();
        log.record("in the same run: issue at the backup CA for the promoted backup, deploy", at, "deployed",
                deployed.status() + ": " + deployed.message(), deployed.live());
        checks.verified(at);
        checks.lockoutFree(at);
    }

    /** Exports {@code spare} offline (encrypted file and QR sheet); returns the text a scan of the sheet gives. */
    private String offline(KeyEntry spare, Instant at) throws IOException, InventoryException {
        ExportedBackup exported = new OfflineBackup(inventory).export(Rehearsal.SITE, spare.id(), dir.resolve("offline"),
                DRILL_PASSPHRASE.toCharArray(), true);
        log.record("recovery drill: export backup key " + spare.id() + " offline (encrypted file, QR sheet)", at,
                "written, the private key removed from the server", exported.qrParts() + " QR code(s) on "
                        + exported.pdf().getFileName() + (exported.key().offline() ? ", key offline" : ""),
                exported.key().offline());
        // the texts a scan of the sheet gives (the export decoded every code back before writing the sheet)
        return String.join("\n", QrParts.split(OfflineBackup.fromFile(exported.encryptedKey())));
    }

    /** The server's disk is lost: the state directory moves out of pinkeeper's reach (kept for the record). */
    private void diskLost(Instant at) throws IOException {
        // the rehearsal's report and its tests read it
        Files.move(dir.resolve("state"), dir.resolve(Rehearsal.LOST_STATE));
        boolean lost = !Files.exists(dir.resolve("state"));
        log.record("the server's disk is lost: the state directory is gone", at, "gone, nginx still serving",
                lost ? "gone (kept aside in " + Rehearsal.LOST_STATE + "/ for the record)" : "still there", lost);
    }

    /**
     * {@code site recover --issue} from the {@code scanned} QR text alone and the header the server on
     * {@code port} still serves, certified and deployed as {@code certify} says.
     */
    private SiteRecoveryRun.Result recovered(KeyEntry spare, String scanned, int port, Instant at,
            SiteRecoveryRun.Certify certify) throws IOException, InventoryException, PlanException, RefusedStepException {
        LiveResponse response;
        try {
            response = new LiveFetcher().connectTo("127.0.0.1")
                    .fetch(SiteAddress.parse("https://" + Rehearsal.HOST + ":" + port + "/"));
        } catch (FetchException e) {
            throw new IOException("the live site: " + e.getMessage(), e);
        }
        PkpHeader cached = SiteRecovery.cachedHeader(response);
        Pin servedLeaf = Pin.ofSpki(response.servedChain().get(0).getPublicKey().getEncoded());
        PrivateKeyInfo key = EncryptedKeyCodec.decrypt(OfflineBackup.fromQrText(scanned), DRILL_PASSPHRASE.toCharArray());
        SiteRecoveryRun.Result run = new SiteRecoveryRun(inventory, LifecycleLog.NONE).run(new SiteRecovery.Request(
                Rehearsal.SITE, List.of(Rehearsal.HOST), List.of(key), cached, servedLeaf, at, true), certify);
        SiteRecovery.Recovered recovered = run.recovered();
        log.record("pinkeeper site recover --issue from the QR text alone and the header nginx still serves", at,
                "backup " + spare.pin().base64() + " current, the lost keys' pins dropped",
                "current " + recovered.promoted().pin().base64() + ", " + recovered.dropped().size() + " pin(s) dropped, "
                        + recovered.generated().size() + " key(s) generated",
                recovered.promoted().pin().equals(spare.pin()) && !recovered.dropped().isEmpty());
        return run;
    }
}
