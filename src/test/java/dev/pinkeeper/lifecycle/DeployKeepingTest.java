package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinkeeper.deploy.CertifiedKey;
import dev.pinkeeper.deploy.CertifiedKeyFiles;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.TestPki;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SiteDeployer#deployKeeping}: the settings chosen from the saved ones are kept for later runs once the
 * deployment went live, and a refused deployment keeps the saved ones as they were.
 */
class DeployKeepingTest {
    private static final String SITE = "s";
    private static final String HOST = "s.pinkeeper.test";

    @TempDir
    Path dir;
    KeyInventory inventory;
    TestPki.Cert ca;
    SiteSettingsStore store;

    @BeforeEach
    void site() throws Exception {
        Path state = dir.resolve("state");
        Cli.Result init = Cli.runWithState(state, "keys", "init", "--site", SITE, "--domain", HOST, "--current",
                "ec:p256", "--backup", "ec:p256,ec:p384");
        assertThat(init.code()).as(init.out() + init.err()).isZero();
        inventory = new KeyInventory(new StateDirectory(state));
        ca = TestPki.root("Keeping CA");
        Path roots = TestPki.writePem(dir.resolve("roots.pem"), ca);
        store = new SiteSettingsStore(inventory.layout(SITE));
        store.updateAcme(new AcmeSettings(new CaSettings("letsencrypt", null, roots.toString()), null, null, null,
                null, null, null, List.of()));
    }

    @Test
    void theChosenSettingsAreKeptOnceTheDeploymentWentLive() throws Exception {
        KeyEntry current = inventory.load(SITE).current().get(0);
        DeploySettings noHsts = withoutHsts(store.deploy());

        DeployResult result = new SiteDeployer(inventory, LifecycleLog.NONE).deployKeeping(SITE, saved -> noHsts,
                List.of(certified("live", inventory.keyPair(SITE, current))), now());

        assertThat(result.live()).as(result.message()).isTrue();
        assertThat(store.deploy()).isEqualTo(noHsts);
    }

    @Test
    void aRefusedDeploymentKeepsTheSavedSettings() throws Exception {
        DeploySettings saved = store.deploy();

        DeployResult result = new SiteDeployer(inventory, LifecycleLog.NONE).deployKeeping(SITE,
                kept -> withoutHsts(kept), List.of(certified("unpinned", TestPki.ecKeyPair())), now());

        assertThat(result.live()).as("a key the site does not pin").isFalse();
        assertThat(store.deploy()).isEqualTo(saved);
    }

    private static DeploySettings withoutHsts(DeploySettings saved) {
        return saved.merge(new DeploySettings("none", null, null, null, null, null, Boolean.FALSE, null, null, null,
                null, null, null, null));
    }

    private CertifiedKey certified(String name, KeyPair key) throws Exception {
        TestPki.Cert leaf = TestPki.builder(HOST).issuer(ca).dns(HOST).keyPair(key).issue();
        Path chain = TestPki.writePem(dir.resolve(name + "-fullchain.pem"), leaf, ca);
        Path privkey = TestPki.writePrivateKey(dir.resolve(name + "-privkey.pem"), key.getPrivate());
        return CertifiedKeyFiles.read(chain, privkey);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
