package dev.pinkeeper.site.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinkeeper.deploy.TlsProbe;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.plan.SimulationResult;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.Pebble;
import dev.pinkeeper.testing.Trees;
import dev.pinkeeper.testing.TlsClients;
import dev.pinkeeper.testing.QrScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's state directory is lost while nginx still serves it with an enforcing header; it is recreated
 * on "a new machine" from nothing but its two offline backups (one .key.pem file, one sheet scanned from
 * its PNG) and the header the live site serves: the backup is promoted, pebble's backup CA certifies it,
 * nginx serves it, {@code verify --site} is good and the lockout simulator finds no returning client
 * locked out. A backup the cached header does not pin is refused and writes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteRecoveryTest {
    private static final String SITE = "shop";
    private static final String HOST = "shop.pinkeeper.test";

    @TempDir
    static Path dir;
    static LocalPebble primary;
    static LocalPebble backup;
    static Nginx nginx;
    static Path state;
    static Path primaryRoot;
    static Path backupRoot;
    static Path roots;
    static Path passphrase;
    static int port;
    static List<KeyEntry> backups;
    static Path backupFile;
    static Path scannedSheet;
    static String lostPin;

    @BeforeAll
    static void start() throws Exception {
        primary = LocalPebble.start(dir.resolve("primary"), null, FreePorts.next());
        backup = LocalPebble.start(dir.resolve("backup"), null, FreePorts.next());
        primaryRoot = primary.writeRoot(dir.resolve("root-primary.pem"));
        backupRoot = backup.writeRoot(dir.resolve("root-backup.pem"));
        roots = Files.writeString(dir.resolve("roots.pem"), primary.rootPem() + backup.rootPem());
        state = dir.resolve("state");
        passphrase = Files.writeString(dir.resolve("passphrase"), "correct horse battery staple\n");
        assertThat(cli("keys", "init", "--site", SITE, "--domain", HOST, "--simulated-clock", "--current", "ec:p256",
                "--backup", "ec:p256,rsa:2048").code()).isZero();
        backups = new KeyInventory(new StateDirectory(state)).load(SITE).backups();
        Path usb = dir.resolve("usb");
        for (String key : List.of("backup-1", "backup-2")) {
            Cli.Result exported = cli("keys", "backup", "export", "--site", SITE, "--key", key, "--out", usb.toString(),
                    "--passphrase-file", passphrase.toString(), "--offline");
            assertThat(exported.code()).as(exported.err()).isZero();
        }
        backupFile = usb.resolve(SITE + "-" + backups.get(0).id() + ".key.pem");
        scannedSheet = Files.writeString(dir.resolve("scanned.txt"),
                String.join("\n", QrScanner.scan(usb.resolve(SITE + "-" + backups.get(1).id() + ".sheet.png"))));

        List<String> issue = new ArrayList<>(List.of("issue", "--site", SITE, "--target", "none", "--report-uri",
                "https://reports.pinkeeper.test/hpkp"));
        issue.addAll(Pebble.issueOptions(primary, primaryRoot, dir.resolve("www")));
        assertThat(cli(issue.toArray(String[]::new)).code()).isZero();
        port = FreePorts.next();
        nginx = Nginx.servingRelease(dir.resolve("nginx"), port, state.resolve("sites/" + SITE + "/deploy/live"));
        List<String> deploy = new ArrayList<>(List.of("deploy", "--site", SITE, "--probe", "127.0.0.1:" + port));
        deploy.addAll(nginx.deployOptions());
        assertThat(cli(deploy.toArray(String[]::new)).code()).isZero();
        // enforcing from the end of the report-only week: the header clients now cache pins the keys
        Instant enforced = Instant.now().plus(Duration.ofDays(7)).plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Cli.Result renewed = cli("renew", "--at", enforced.toString());
        assertThat(renewed.code()).as(renewed.out() + renewed.err()).isZero();
        assertThat(curlHeaders()).containsIgnoringCase("public-key-pins: ");
        lostPin = new KeyInventory(new StateDirectory(state)).load(SITE).current().get(0).pin().base64();
        Trees.delete(state); // the disk is lost; nginx still serves what it loaded
    }

    @AfterAll
    static void stop() {
        Trees.closeAll(nginx, primary, backup);
    }

    /**
     * A client may still cache an older header the site served before (other pins, its max-age not run out):
     * the backup every cached header pins is promoted, not the first one given; a backup an older header does
     * not pin is refused and writes nothing; an older header whose max-age ran out is left out. The headers
     * the live nginx serves now are learnt from it; the older ones are given with when they were last served.
     */
    @Test
    @Order(1)
    void olderCachedHeadersAreRecordedAndTheirPinsRespected() throws Exception {
        Path elsewhere = dir.resolve("elsewhere");
        String live = "https://" + HOST + ":" + port + "/";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // served until two days ago for 30 days: it pins the lost key and the RSA backup only
        String older = "pin-sha256=\"" + lostPin + "\"; pin-sha256=\"" + backups.get(1).pin().base64()
                + "\"; max-age=2592000";
        String twoDaysAgo = now.minus(Duration.ofDays(2)).toString();

        Cli.Result refused = Cli.runWithState(elsewhere, "site", "recover", "--site", SITE, "--domain", HOST, "--backup",
                backupFile.toString(), "--passphrase-file", passphrase.toString(), "--pins-from-live", live,
                "--connect-to", "127.0.0.1", "--older-header", older, "--last-served", twoDaysAgo);
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("no backup key given is pinned by the header clients cache last served at "
                + twoDaysAgo).contains("until " + now.minus(Duration.ofDays(2)).plus(Duration.ofDays(30)));
        assertThat(elsewhere.resolve("sites/" + SITE)).doesNotExist();

        // its max-age ran out: no client holds it any more, the first backup given is promoted
        Cli.Result expired = Cli.runWithState(elsewhere, "site", "recover", "--site", SITE, "--domain", HOST, "--backup",
                backupFile.toString(), "--passphrase-file", passphrase.toString(), "--pins-from-live", live,
                "--connect-to", "127.0.0.1", "--older-header", older, "--last-served",
                now.minus(Duration.ofDays(31)).toString(), "--dry-run", "--json");
        assertThat(expired.code()).as(expired.out() + expired.err()).isZero();
        assertThat(expired.json().path("promoted").path("pin").asText()).isEqualTo(backups.get(0).pin().base64());
        assertThat(expired.json().path("expired")).hasSize(1);
        assertThat(expired.json().path("noted")).hasSize(1);

        // recreated, then the issue in the same run fails (its dns-01 hook does): the site stays as recovered
        Path failingHook = Files.writeString(dir.resolve("failing-dns-hook.sh"), "#!/bin/sh\nexit 1\n");
        failingHook.toFile().setExecutable(true);
        List<String> recover = new ArrayList<>(List.of("site", "recover", "--site", SITE, "--domain", HOST,
                "--backup", backupFile.toString(), "--qr-text", scannedSheet.toString(), "--passphrase-file",
                passphrase.toString(), "--pins-from-live", live, "--connect-to", "127.0.0.1", "--older-header", older,
                "--last-served", twoDaysAgo, "--json", "--issue", "--", "--ca", "backup", "--backup-directory",
                backup.directoryUrl().toString(), "--backup-acme-trust", backup.tlsCaFile().toString(),
                "--backup-roots", backupRoot.toString(), "--target", "none", "--challenge", "dns-01", "--dns-hook",
                failingHook.toString()));
        Cli.Result recovered = beforeIssueOptions(elsewhere, recover);
        assertThat(recovered.code()).as(recovered.out() + recovered.err()).isEqualTo(1);
        assertThat(recovered.err()).contains("site " + SITE + " is recreated")
                .contains("run: pinkeeper issue --site " + SITE);
        JsonNode result = recovered.json();
        assertThat(result.path("next").asText()).contains("pinkeeper issue --site " + SITE);
        assertThat(result.path("issue").toString()).isNotEmpty();
        assertThat(result.path("promoted").path("pin").asText()).as("the backup both cached headers pin")
                .isEqualTo(backups.get(1).pin().base64());
        assertThat(result.path("noted")).hasSize(2);
        assertThat(result.path("noted").get(0).path("lastServed").asText()).isEqualTo(twoDaysAgo);
        assertThat(result.path("noted").get(1).path("lastServed").isNull()).isTrue();

        // the new site's plan holds both headers: the simulator checks every later step against them
        KeyInventory inventory = new KeyInventory(new StateDirectory(elsewhere));
        var history = new PlanService(inventory).load(SITE).history();
        assertThat(history.toString()).contains(backups.get(1).pin().base64());
        var periods = history.timeline(HOST).orElseThrow().intervals();
        assertThat(periods).hasSize(2);
        assertThat(periods.get(0).until()).isEqualTo(Instant.parse(twoDaysAgo));
        assertThat(periods.get(0).enforcing().pins()).extracting(p -> p.base64())
                .containsExactly(lostPin, backups.get(1).pin().base64());
        SimulationResult simulation = new LockoutSimulator().simulate(history);
        assertThat(simulation.lockoutFree()).as(simulation.lockouts().toString()).isTrue();

        // pinkeeper issue continues where the recovery's run stopped
        Cli.Result continued = Cli.runWithState(elsewhere, "issue", "--site", SITE, "--ca", "backup",
                "--backup-directory", backup.directoryUrl().toString(), "--backup-acme-trust",
                backup.tlsCaFile().toString(), "--backup-roots", backupRoot.toString(), "--target", "none",
                "--webroot", Files.createDirectories(dir.resolve("www")).toString());
        assertThat(continued.code()).as(continued.out() + continued.err()).isZero();
        assertThat(continued.out()).contains("by the backup CA");
    }

    @Test
    @Order(2)
    void aLostSiteIsRecoveredFromItsOfflineBackupsAndServedWithoutLockingAnyoneOut() throws Exception {
        // a key the cached header does not pin: refused, nothing written
        Path otherState = dir.resolve("other");
        assertThat(Cli.run("keys", "init", "--site", "other", "--domain", "other.test", "--state", otherState.toString())
                .code()).isZero();
        Cli.Result foreignExport = Cli.run("keys", "backup", "export", "--site", "other", "--key", "backup-1", "--out",
                dir.resolve("foreign").toString(), "--passphrase-file", passphrase.toString(), "--state",
                otherState.toString(), "--json");
        Path foreign = Path.of(foreignExport.json().path("encryptedKey").asText());
        Cli.Result refused = cli("site", "recover", "--site", SITE, "--domain", HOST, "--backup", foreign.toString(),
                "--passphrase-file", passphrase.toString(), "--pins-from-live", "https://" + HOST + ":" + port + "/",
                "--connect-to", "127.0.0.1");
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("no backup key given is pinned by the header clients cache");
        assertThat(Files.exists(state.resolve("sites/" + SITE))).isFalse();

        Cli.Result dry = cli("site", "recover", "--site", SITE, "--domain", HOST, "--qr-text", scannedSheet.toString(),
                "--passphrase-file", passphrase.toString(), "--cached-header", curlHeaders().lines()
                        .filter(l -> l.toLowerCase().startsWith("public-key-pins:")).findFirst().orElseThrow()
                        .substring("public-key-pins:".length()).strip(), "--dry-run");
        assertThat(dry.code()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).startsWith("dry run: nothing was written").contains("dry run: would recreate").contains(backups.get(1).pin().base64());
        assertThat(Files.exists(state.resolve("sites/" + SITE))).isFalse();

        List<String> issue = new ArrayList<>(List.of("--ca", "backup", "--backup-directory",
                backup.directoryUrl().toString(), "--backup-acme-trust", backup.tlsCaFile().toString(), "--backup-roots",
                backupRoot.toString(), "--probe", "127.0.0.1:" + port));
        issue.addAll(Pebble.issueOptions(primary, primaryRoot, dir.resolve("www")));
        issue.addAll(nginx.deployOptions());
        List<String> recover = new ArrayList<>(List.of("site", "recover", "--site", SITE, "--domain", HOST, "--backup",
                backupFile.toString(), "--qr-text", scannedSheet.toString(), "--passphrase-file", passphrase.toString(),
                "--pins-from-live", "https://" + HOST + ":" + port + "/", "--connect-to", "127.0.0.1", "--issue", "--"));
        recover.addAll(issue);

        // every issue option checked before the site is recreated: a CA that cannot be reached writes nothing
        List<String> unreachable = new ArrayList<>(recover);
        unreachable.set(unreachable.indexOf(backup.directoryUrl().toString()), "https://127.0.0.1:"
                + FreePorts.next() + "/dir");
        Cli.Result refusedCa = beforeIssueOptions(state, unreachable);
        assertThat(refusedCa.code()).as(refusedCa.out() + refusedCa.err()).isEqualTo(2);
        assertThat(refusedCa.err()).contains("backup-directory");
        assertThat(Files.exists(state.resolve("sites/" + SITE))).isFalse();
        List<String> ownOption = new ArrayList<>(recover);
        ownOption.add("--no-deploy");
        assertThat(beforeIssueOptions(state, ownOption).err()).contains("--no-deploy is not an option of the issue");
        assertThat(Files.exists(state.resolve("sites/" + SITE))).isFalse();

        // the pre-hooks run once everything is checked, just before the site is recreated: failing, nothing is
        // written
        List<String> hooked = new ArrayList<>(recover);
        hooked.addAll(List.of("--pre-hook", "exit 3"));
        Cli.Result preHookFailed = beforeIssueOptions(state, hooked);
        assertThat(preHookFailed.code()).as(preHookFailed.out() + preHookFailed.err()).isEqualTo(1);
        assertThat(preHookFailed.err()).contains("pre-hook exit 3").contains("nothing was changed");
        assertThat(Files.exists(state.resolve("sites/" + SITE))).isFalse();

        List<String> dryIssue = new ArrayList<>(recover);
        dryIssue.add(dryIssue.indexOf("--issue"), "--dry-run");
        Cli.Result checked = beforeIssueOptions(state, dryIssue);
        assertThat(checked.code()).as(checked.out() + checked.err()).isZero();
        assertThat(checked.out()).startsWith("dry run: nothing was written").contains("dry run: would recreate")
                .contains("the backup CA's directory read: would issue for");
        assertThat(Files.exists(state.resolve("sites/" + SITE))).isFalse();

        // recreate, learn the pins, promote, issue at the backup CA and deploy to nginx: one run
        List<String> json = new ArrayList<>(recover);
        json.add(json.indexOf("--issue"), "--json");
        Cli.Result recovered = beforeIssueOptions(state, json);
        assertThat(recovered.code()).as(recovered.out() + recovered.err()).isZero();
        JsonNode result = recovered.json();
        assertThat(result.path("promoted").path("pin").asText()).isEqualTo(backups.get(0).pin().base64());
        assertThat(result.path("dropped").toString()).contains(lostPin);
        assertThat(result.path("headers").get(0).path("value").asText()).doesNotContain(lostPin)
                .contains(backups.get(0).pin().base64()).contains("max-age=300");
        assertThat(result.path("issue").path("ca").asText()).isEqualTo("backup");
        assertThat(result.path("issue").path("deploy").path("status").asText()).as(result.toString()).isEqualTo("deployed");
        assertThat(result.path("next").isNull()).isTrue();

        assertThat(new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin().base64())
                .isEqualTo(backups.get(0).pin().base64());
        assertThat(curlHeaders()).containsIgnoringCase("public-key-pins: ").doesNotContain(lostPin);
        Cli.Result verified = cli("verify", "--site", SITE, "https://" + HOST + ":" + port + "/", "--connect-to",
                "127.0.0.1", "--trust", roots.toString());
        assertThat(verified.code()).as(verified.out() + verified.err()).isZero();

        KeyInventory inventory = new KeyInventory(new StateDirectory(state));
        SimulationResult simulation = new LockoutSimulator().simulate(new PlanService(inventory).load(SITE).history());
        assertThat(simulation.lockoutFree()).as(simulation.lockouts().toString()).isTrue();
        assertThat(simulation.headersChecked()).isGreaterThanOrEqualTo(2);
    }

    /** {@code site recover ... --issue -- ISSUE-OPTION...} in {@code state}: the state option before {@code --}. */
    private static Cli.Result beforeIssueOptions(Path state, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add(all.indexOf("--issue"), "--state=" + state);
        return Cli.run(all.toArray(String[]::new));
    }

    private static String curlHeaders() throws Exception {
        return TlsClients.headers(HOST, port, roots);
    }

    private static Cli.Result cli(String... args) {
        return Cli.runWithState(state, args);
    }
}
