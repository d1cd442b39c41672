package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinkeeper.deploy.TlsProbe;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.rehearse.FreePorts;
import dev.pinkeeper.rehearse.LocalPebble;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Nginx;
import dev.pinkeeper.testing.Pebble;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
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
 * {@code pinkeeper revoke} with the real parts: two pebble CAs (primary and backup) and nginx. A
 * compromised current key: a backup is certified by the backup CA, made current and deployed, the old
 * certificate is revoked at the primary CA (pebble's management API says Revoked, reason 1 =
 * keyCompromise), the compromised pin leaves the served header, and the key is never used again. A
 * compromised backup key leaves the header for a new backup. A dry run changes nothing and asks no CA.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevokeTest {
    private static final String SITE = "shop";
    private static final String HOST = "shop.pinkeeper.test";

    @TempDir
    static Path dir;
    static LocalPebble primary;
    static LocalPebble backup;
    static Nginx nginx;
    static Path state;
    static Path roots;
    static int port;
    static Instant at;
    static KeyEntry compromised;
    static BigInteger compromisedSerial;

    @BeforeAll
    static void start() throws Exception {
        primary = LocalPebble.start(dir.resolve("primary"), null, FreePorts.next());
        backup = LocalPebble.start(dir.resolve("backup"), null, FreePorts.next());
        Path primaryRoot = primary.writeRoot(dir.resolve("root-primary.pem"));
        Path backupRoot = backup.writeRoot(dir.resolve("root-backup.pem"));
        roots = Files.writeString(dir.resolve("roots.pem"), primary.rootPem() + backup.rootPem());
        state = dir.resolve("state");
        assertThat(cli("keys", "init", "--site", SITE, "--domain", HOST, "--simulated-clock", "--current", "ec:p256",
                "--backup", "rsa:2048,ec:p256").code()).isZero();
        List<String> issue = new ArrayList<>(List.of("issue", "--site", SITE, "--backup-directory",
                backup.directoryUrl().toString(), "--backup-acme-trust", backup.tlsCaFile().toString(),
                "--backup-roots", backupRoot.toString(), "--target", "none"));
        issue.addAll(Pebble.issueOptions(primary, primaryRoot, dir.resolve("www")));
        Cli.Result issued = cli(issue.toArray(String[]::new));
        assertThat(issued.code()).as(issued.out() + issued.err()).isZero();
        port = FreePorts.next();
        nginx = Nginx.servingRelease(dir.resolve("nginx"), port, state.resolve("sites/" + SITE + "/deploy/live"));
        List<String> deploy = new ArrayList<>(List.of("deploy", "--site", SITE, "--probe", "127.0.0.1:" + port));
        deploy.addAll(nginx.deployOptions());
        Cli.Result deployed = cli(deploy.toArray(String[]::new));
        assertThat(deployed.code()).as(deployed.out() + deployed.err()).isZero();
        compromised = inventory().load(SITE).current().get(0);
        compromisedSerial = leaf(compromised).getSerialNumber();
        at = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable part : new AutoCloseable[] {nginx, primary, backup}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // stopping the others matters more
            }
        }
    }

    @Test
    @Order(1)
    void aDryRunListsTheCertificateAndChangesNothing() throws Exception {
        Map<String, String> before = FileSnapshot.of(state);
        Cli.Result dry = cli("revoke", "--site", SITE, "--key", "current", "--dry-run", "--at", at.toString());
        assertThat(dry.code()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("dry run: would promote backup").contains("certified by the backup CA")
                .contains("certificate " + compromisedSerial.toString(16)).contains("to revoke");
        assertThat(FileSnapshot.of(state)).isEqualTo(before);
        assertThat(primary.certificateStatus(compromisedSerial)).containsPattern("\"Status\":\\s*\"Valid\"");
    }

    @Test
    @Order(2)
    void aCompromisedCurrentKeyIsReplacedDeployedRevokedAndNeverUsedAgain() throws Exception {
        Cli.Result revoked = cli("revoke", "--site", SITE, "--key", "current", "--at", at.toString());
        assertThat(revoked.code()).as(revoked.out() + revoked.err()).isZero();
        assertThat(revoked.out()).contains("revoked by the primary CA").contains("no visitor locked out");

        String pebbleStatus = primary.certificateStatus(compromisedSerial);
        assertThat(pebbleStatus).containsPattern("\"Status\":\\s*\"Revoked\"").containsPattern("\"Reason\":\\s*1\\b");

        KeyEntry now = inventory().load(SITE).byId(compromised.id()).orElseThrow();
        assertThat(now.isCompromised()).isTrue();
        KeyEntry current = inventory().load(SITE).current().get(0);
        assertThat(current.id()).isNotEqualTo(compromised.id());
        assertThat(current.algorithm()).isEqualTo(compromised.algorithm());
        assertThat(servedPin()).isEqualTo(current.pin().base64());
        assertThat(leaf(current).getIssuerX500Principal()).isNotEqualTo(leaf(compromised).getIssuerX500Principal());
        String headers = curlHeaders();
        assertThat(headers).containsIgnoringCase("public-key-pins").contains(current.pin().base64())
                .doesNotContain(compromised.pin().base64());

        Cli.Result reuse = cli("issue", "--site", SITE, "--key", compromised.id(), "--no-deploy");
        assertThat(reuse.code()).isNotZero();
        assertThat(reuse.err()).contains("compromised");
    }

    @Test
    @Order(3)
    void revokingAgainFindsTheCertificateAlreadyRevoked() {
        Cli.Result again = cli("revoke", "--site", SITE, "--key", compromised.id(), "--at", at.plusSeconds(60).toString(),
                "--json");
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        JsonNode json = again.json();
        assertThat(json.path("key").path("compromised").asText()).isNotEmpty();
        assertThat(json.path("certificates").findValuesAsText("status")).contains("already-revoked");
    }

    @Test
    @Order(4)
    void aCompromisedBackupLeavesTheHeaderForANewBackup() throws Exception {
        KeyEntry rsaBackup = inventory().load(SITE).backups().stream()
                .filter(k -> k.algorithm().family().equals("RSA")).findFirst().orElseThrow();
        Cli.Result revoked = cli("revoke", "--site", SITE, "--key", rsaBackup.id(), "--at", at.plusSeconds(120).toString());
        assertThat(revoked.code()).as(revoked.out() + revoked.err()).isZero();
        assertThat(revoked.out()).contains("no certificate of key").contains("generated backup key");
        KeyEntry replacement = inventory().load(SITE).backups().stream()
                .filter(k -> k.algorithm().equals(rsaBackup.algorithm())).findFirst().orElseThrow();
        assertThat(replacement.id()).isNotEqualTo(rsaBackup.id());
        String headers = curlHeaders();
        assertThat(headers).doesNotContain(rsaBackup.pin().base64()).contains(replacement.pin().base64());
        Cli.Result promote = cli("plan", "emergency", "--site", SITE, "--backup", rsaBackup.id(),
                "--at", at.plusSeconds(180).toString());
        assertThat(promote.code()).isNotZero();
    }

    private static String servedPin() throws Exception {
        return new TlsProbe("127.0.0.1", port, HOST, Duration.ofSeconds(5)).servedLeafPin().base64();
    }

    private static X509Certificate leaf(KeyEntry key) throws Exception {
        return TrustRoots.read(state.resolve("sites/" + SITE + "/certs/" + key.id() + ".pem")).get(0);
    }

    private static String curlHeaders() throws Exception {
        Process process = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-D", "-", "--max-time", "10",
                "--noproxy", "*", "--cacert", roots.toString(), "--resolve", HOST + ":" + port + ":127.0.0.1",
                "https://" + HOST + ":" + port + "/").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static Cli.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state=" + state);
        return Cli.run(all.toArray(String[]::new));
    }

    private static KeyInventory inventory() {
        return new KeyInventory(new StateDirectory(state));
    }
}
