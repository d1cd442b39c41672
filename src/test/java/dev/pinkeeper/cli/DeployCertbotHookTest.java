package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code deploy --certbot-hook}: certbot's lineage is deployed only when certbot used a pinned key. */
class DeployCertbotHookTest {
    private static final String SITE = "blog";
    private static final String HOST = "blog.example.test";

    @TempDir
    Path dir;
    Path state;
    TestPki.Cert ca;
    KeyInventory inventory;

    @BeforeEach
    void site() throws Exception {
        state = dir.resolve("state");
        assertThat(Cli.run("keys", "init", "--site", SITE, "--domain", HOST, "--state", state.toString()).code()).isZero();
        inventory = new KeyInventory(new StateDirectory(state));
        ca = TestPki.root("Certbot's CA");
        Path roots = TestPki.writePem(dir.resolve("roots.pem"), ca);
        new SiteSettingsStore(inventory.layout(SITE)).updateAcme(new AcmeSettings(
                new CaSettings("letsencrypt", null, roots.toString()), null, null, null, null, null, null, List.of()));
    }

    @Test
    void deploysACertificateCertbotGotForThePinnedKey() throws Exception {
        KeyEntry current = inventory.load(SITE).current().get(0);
        Path lineage = lineage(inventory.keyPair(SITE, current));

        assertThat(hook(lineage)).isZero();
        Path live = state.resolve("sites").resolve(SITE).resolve("deploy/live");
        try (var in = Files.newInputStream(live.resolve("cert.pem"))) {
            var served = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            assertThat(dev.pinkeeper.pin.Pin.ofSpki(served.getPublicKey().getEncoded())).isEqualTo(current.pin());
        }
        assertThat(Files.readString(live.resolve("headers-nginx.conf"))).contains(current.pin().base64());
    }

    @Test
    void refusesACertificateForAKeyTheSiteDoesNotPin() throws Exception {
        Path lineage = lineage(TestPki.ecKey());

        assertThat(hook(lineage)).isEqualTo(1);
        assertThat(state.resolve("sites").resolve(SITE).resolve("deploy/live")).doesNotExist();
    }

    @Test
    void withoutCertbotsEnvironmentItIsBadUsage() {
        Cli.Result result = Cli.run("deploy", "--site", SITE, "--certbot-hook", "--state", state.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("RENEWED_LINEAGE");
    }

    private Path lineage(KeyPair key) throws Exception {
        TestPki.Cert leaf = TestPki.builder(HOST).issuer(ca).dns(HOST).keyPair(key).issue();
        Path lineage = Files.createDirectories(dir.resolve("live-" + System.nanoTime()));
        TestPki.writePem(lineage.resolve("fullchain.pem"), leaf);
        Path privkey = Files.writeString(lineage.resolve("privkey.pem"), TestPki.pkcs8Pem(key.getPrivate()));
        // as certbot writes it: a key others may read is refused
        Files.setPosixFilePermissions(privkey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return lineage;
    }

    private int hook(Path lineage) {
        DeployCommand command = new DeployCommand();
        command.environment = Map.of("RENEWED_LINEAGE", lineage.toString());
        return new CommandLine(command).execute("--site", SITE, "--certbot-hook", "--state", state.toString());
    }
}
