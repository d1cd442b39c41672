package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FreePorts;
import dev.pinkeeper.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What renew and deploy say when they refuse or fail: a renewal whose deployment nginx's config test
 * rejects says the ramp step was not taken (and the plan did not take it); a deployment the rollover
 * gate refuses is said as serving a key, not as an emergency promotion; neither names the override
 * option only the plan commands take.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefusalMessagesTest {
    private static final String SITE = "said";
    private static final String HOST = "said.pinkeeper.test";

    @TempDir
    static Path dir;
    static Path state;
    static TestPki.Cert ca;
    static Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void deployedReportOnly() throws Exception {
        state = dir.resolve("state");
        Cli.Result init = cli("keys", "init", "--site", SITE, "--domain", HOST, "--backup", "rsa:2048,ec:p256",
                "--simulated-clock");
        assertThat(init.code()).as(init.err()).isZero();
        ca = TestPki.root("Said Root");
        Path root = TestPki.writePem(dir.resolve("root.pem"), ca);
        KeyEntry current = inventory().load(SITE).current().get(0);
        certify(current);
        // renew needs a CA; it is never reached (the certificate is far from its renewal window)
        settings().updateAcme(new AcmeSettings(new CaSettings("https://127.0.0.1:" + FreePorts.next() + "/dir", null,
                root.toString()), null, null, null, null, null, null, List.of()));
        Cli.Result deployed = cli("deploy", "--site", SITE, "--target", "none", "--at", t0.toString());
        assertThat(deployed.code()).as(deployed.out() + deployed.err()).isZero();
    }

    @Test
    @Order(1)
    void aFailedRenewalSaysTheRampStepWasNotTaken() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken-nginx.conf"), "this is not an nginx configuration\n");
        DeploySettings none = settings().deploy();
        settings().saveDeploy(new DeploySettings("nginx", broken.toString(), List.of(), null, null, null, null, null,
                null, null, null, null, List.of()));
        Instant due = t0.plus(Duration.ofDays(7)).plus(Duration.ofHours(1));

        Cli.Result renewed = cli("renew", "--at", due.toString());

        assertThat(renewed.code()).as(renewed.out() + renewed.err()).isEqualTo(1);
        assertThat(renewed.out()).contains(SITE + ": failed: not taken: ramp step to max-age=300; deploy refused:")
                .contains("nginx config test failed").doesNotContain("--force-unsafe-rollover");
        Cli.Result show = cli("plan", "show", "--site", SITE, "--at", due.toString(), "--json");
        assertThat(show.json().get("headers").get(0).get("name").asText()).isEqualTo("Public-Key-Pins-Report-Only");
        settings().saveDeploy(none);
    }

    @Test
    @Order(2)
    void aDeploymentTheGateRefusesIsSaidAsServingWithoutAnOverride() throws Exception {
        Instant enforced = t0.plus(Duration.ofDays(7)).plus(Duration.ofHours(2));
        assertThat(cli("plan", "ramp", "--site", SITE, "--at", enforced.toString()).code()).isZero();
        Instant rolled = enforced.plus(Duration.ofDays(2));
        assertThat(cli("plan", "rollover", "--site", SITE, "--at", rolled.toString()).code()).isZero();
        KeyEntry fresh = inventory().load(SITE).nextFor(inventory().load(SITE).current().get(0).id()).orElseThrow();
        Path chain = certify(fresh);

        Cli.Result refused = cli("deploy", "--site", SITE, "--at", rolled.plusSeconds(60).toString(),
                "--fullchain", chain.toString(), "--privkey", inventory().privateKeyFile(SITE, fresh).toString());

        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("refused: a header still cached by clients does not pin the new")
                .contains("serving " + fresh.pin().base64() + " is not safe until")
                .doesNotContain("emergency").doesNotContain("--force-unsafe-rollover");
    }

    /** A chain for {@code key} from the test CA, where issue keeps it ({@code certs/KEYID.pem}). */
    private static Path certify(KeyEntry key) throws Exception {
        TestPki.Cert leaf = TestPki.builder(HOST).issuer(ca).dns(HOST).keyPair(inventory().keyPair(SITE, key)).issue();
        Path file = inventory().layout(SITE).certificate(key.id());
        Files.createDirectories(file.getParent());
        return TestPki.writePem(file, leaf, ca);
    }

    private static SiteSettingsStore settings() {
        return new SiteSettingsStore(inventory().layout(SITE));
    }

    private static KeyInventory inventory() {
        return new KeyInventory(new StateDirectory(state));
    }

    private static Cli.Result cli(String... args) {
        return Cli.runWithState(state, args);
    }
}
