package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.deploy.TlsProbe;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One site through its life with the real parts on 127.0.0.1: pebble issues for the inventory's key,
 * nginx serves the release, pinkeeper verify, curl --pinnedpubkey (with the pins from
 * {@code export curl}) agree; renew advances the ramp once and then finds nothing due; a chain
 * whose key no cached header pins is refused and nothing changes for nginx.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IssueDeployRenewTest {
    private static final String SITE = "shop";
    private static final String HOST = "shop.pinkeeper.test";

    @TempDir
    static Path dir;
    static LocalPebble pebble;
    static Nginx nginx;
    static Path state;
    static Path root;
    static int port;
    static Instant enforcedAt;

    @BeforeAll
    static void start() throws Exception {
        pebble = LocalPebble.start(dir.resolve("pebble"), null, FreePorts.next());
        root = pebble.writeRoot(dir.resolve("root.pem"));
        state = dir.resolve("state");
        assertThat(cli("keys", "init", "--site", SITE, "--domain", HOST, "--simulated-clock", "--current", "ec:p256",
                "--backup", "rsa:2048,ec:p256").code()).isZero();
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    @Order(1)
    void issuesForThePinnedKeyDeploysToNginxAndClientsAcceptThePins() throws Exception {
        Cli.Result issued = cli("issue", "--site", SITE, "--directory", pebble.directoryUrl().toString(),
                "--acme-trust", pebble.tlsCaFile().toString(), "--roots", root.toString(),
                "--webroot", Files.createDirectories(dir.resolve("www")).toString(), "--target", "none",
                "--report-uri", "https://reports.pinkeeper.test/hpkp");
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        assertThat(issued.out()).contains("deployed");

        port = FreePorts.next();
        Path live = state.resolve("sites").resolve(SITE).resolve("deploy").resolve("live");
        nginx = Nginx.servingRelease(dir.resolve("nginx"), port, live);
        List<String> deploy = new ArrayList<>(List.of("deploy", "--site", SITE, "--probe", "127.0.0.1:" + port));
        deploy.addAll(nginx.deployOptions());
        Cli.Result deployed = cli(deploy.toArray(String[]::new));
        assertThat(deployed.code()).as(deployed.out() + deployed.err()).isZero();

        List<Pin> pins = inventory().load(SITE).pins();
        Pin current = inventory().load(SITE).current().get(0).pin();
        assertThat(new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin()).isEqualTo(current);

        List<String> verify = new ArrayList<>(List.of("verify", "--connect-to", "127.0.0.1", "--trust", root.toString(),
                "https://" + HOST + ":" + port + "/"));
        pins.forEach(pin -> verify.add("--expect-pin=" + pin.base64()));
        Cli.Result verified = Cli.run(verify.toArray(String[]::new));
        assertThat(verified.code()).as(verified.out() + verified.err()).isZero();

        List<String> export = new ArrayList<>(List.of("export", "curl", "--host", HOST));
        pins.forEach(pin -> export.add("--pin=" + pin.base64()));
        String curlPins = Cli.run(export.toArray(String[]::new)).out().lines()
                .filter(line -> line.startsWith("sha256//")).findFirst().orElseThrow();
        CurlResult curl = curl(curlPins);
        assertThat(curl.code).as(curl.output).isZero();
        assertThat(curl.output).containsIgnoringCase("public-key-pins-report-only: ")
                .containsIgnoringCase("strict-transport-security: max-age=31536000");
        String backupsOnly = "sha256//" + inventory().load(SITE).backups().get(0).pin().base64();
        assertThat(curl(backupsOnly).code).isEqualTo(90);

        Cli.Result again = cli("deploy", "--site", SITE);
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("content unchanged, no reload");
    }

    @Test
    @Order(2)
    void renewTakesTheDueRampStepOnceThenFindsNothingDue() throws Exception {
        enforcedAt = Instant.now().plus(Duration.ofDays(7)).plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Cli.Result first = cli("renew", "--at", enforcedAt.toString());
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("ramp step to max-age=300");
        int releases = releases();
        Cli.Result second = cli("renew", "--at", enforcedAt.toString());
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("nothing due").contains("0 renewed or advanced");
        assertThat(releases()).isEqualTo(releases);
        assertThat(curl("sha256//" + inventory().load(SITE).current().get(0).pin().base64()).output)
                .containsIgnoringCase("public-key-pins: ");
    }

    @Test
    @Order(3)
    void aChainWhoseKeyNoCachedHeaderPinsIsRefusedAndNothingChanges() throws Exception {
        Pin servedBefore = new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin();
        assertThat(cli("keys", "add-current", "--site", SITE, "--algorithm", "ec:p384").code()).isZero();
        KeyEntry added = inventory().load(SITE).current().get(1);

        // issue gets a certificate for the new key and publishes its pin, but holds the key back: the cached
        // headers lack its pin (before, the deployment was refused and the pin never published)
        Cli.Result issued = cli("issue", "--site", SITE, "--at", enforcedAt.plusSeconds(60).toString());
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        assertThat(issued.out()).contains("issued: current key " + added.id())
                .contains("current key " + added.id() + " is served from ");
        assertThat(curl("sha256//" + servedBefore.base64()).output).contains(added.pin().base64());
        assertThat(new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin()).isEqualTo(servedBefore);

        // serving that chain now, by hand, is refused and changes nothing
        Path liveBefore = Files.readSymbolicLink(state.resolve("sites/" + SITE + "/deploy/live"));
        Cli.Result refused = cli("deploy", "--site", SITE, "--at", enforcedAt.plusSeconds(90).toString(),
                "--fullchain", state.resolve("sites/" + SITE + "/certs/" + added.id() + ".pem").toString(),
                "--privkey", inventory().privateKeyFile(SITE, added).toString());
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("refused").contains("does not pin the new");
        assertThat(Files.readSymbolicLink(state.resolve("sites/" + SITE + "/deploy/live"))).isEqualTo(liveBefore);
        assertThat(new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin()).isEqualTo(servedBefore);

        // once both EC keys could be served, the deployment is refused (exit 1, nothing changed) instead of
        // failing as an internal error: a server serves one certificate per key type
        Map<String, String> files = dev.pinkeeper.testing.FileSnapshot.of(state);
        Cli.Result twoEc = cli("deploy", "--site", SITE, "--at", enforcedAt.plus(Duration.ofDays(400)).toString());
        assertThat(twoEc.code()).as(twoEc.out() + twoEc.err()).isEqualTo(1);
        assertThat(twoEc.out()).contains("one certificate per key type");
        assertThat(dev.pinkeeper.testing.FileSnapshot.of(state)).isEqualTo(files);
    }

    @Test
    @Order(4)
    void aCertificateForAKeyTheSiteDoesNotPinIsRefused() throws Exception {
        TestPki.Cert ca = TestPki.root("Some Other CA");
        TestPki.Cert foreign = TestPki.leaf(ca, HOST);
        Path chain = TestPki.writePem(dir.resolve("foreign-fullchain.pem"), foreign, ca);
        Path key = Files.writeString(dir.resolve("foreign-privkey.pem"), TestPki.pkcs8Pem(foreign.keyPair().getPrivate()));
        // private, as a key file must be (a key others may read is refused before any check of the chain)
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Cli.Result refused = cli("deploy", "--site", SITE, "--fullchain", chain.toString(), "--privkey", key.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("is not a key site " + SITE + " pins");
    }

    @Test
    @Order(5)
    void oneSitesFailureDoesNotStopTheOthersAndMakesTheRunFail() throws Exception {
        assertThat(cli("keys", "init", "--site", "broken", "--domain", "broken.pinkeeper.test", "--simulated-clock")
                .code()).isZero();
        new SiteSettingsStore(inventory().layout("broken")).updateAcme(new AcmeSettings(
                new CaSettings("https://127.0.0.1:" + FreePorts.next() + "/dir", null, null), null, null,
                dir.resolve("www").toString(), null, null, null, List.of()));

        Cli.Result run = cli("renew", "--all", "--concurrency", "2", "--at", enforcedAt.plusSeconds(120).toString());

        assertThat(run.code()).as(run.out()).isEqualTo(1);
        assertThat(run.out().lines().filter(line -> line.matches("\\[\\d/2\\] .*"))).hasSize(2);
        // the site waits for the key added in step 3 to be safe to serve
        assertThat(run.out()).contains("broken: failed").contains(SITE + ": waiting: current key ")
                .contains("2 sites: 0 renewed or advanced, 0 with nothing due, 1 waiting for a safe rollover, 1 failed");
    }

    @Test
    @Order(6)
    void issueWithJsonPrintsOneDocument() throws Exception {
        KeyEntry backup = inventory().load(SITE).find("backup-1");
        // a backup key is only issued for (proving the CA works with it), never deployed
        Cli.Result issued = cli("issue", "--site", SITE, "--key", "backup-1", "--json", "--at",
                enforcedAt.plusSeconds(180).toString());
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode doc = issued.json();
        assertThat(doc.get("site").asText()).isEqualTo(SITE);
        assertThat(doc.get("issued")).singleElement().satisfies(i -> {
            assertThat(i.get("key").asText()).isEqualTo(backup.id());
            assertThat(i.get("role").asText()).isEqualTo("backup");
            assertThat(Files.exists(Path.of(i.get("file").asText()))).isTrue();
        });
        assertThat(doc.get("notDeployed").asText()).isEqualTo("the key is not a current key");
        assertThat(doc.get("deploy").isNull()).isTrue();
    }

    private static Cli.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state=" + state);
        return Cli.run(all.toArray(String[]::new));
    }

    private static KeyInventory inventory() {
        return new KeyInventory(new StateDirectory(state));
    }

    private static int releases() throws Exception {
        try (var list = Files.list(state.resolve("sites/" + SITE + "/deploy/releases"))) {
            return (int) list.count();
        }
    }

    private record CurlResult(int code, String output) {
    }

    private static CurlResult curl(String pinnedPubKey) throws Exception {
        Process process = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-D", "-", "--max-time", "10",
                "--noproxy", "*", "--cacert", root.toString(), "--resolve", HOST + ":" + port + ":127.0.0.1",
                "--pinnedpubkey", pinnedPubKey, "https://" + HOST + ":" + port + "/").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new CurlResult(process.waitFor(), output);
    }
}
