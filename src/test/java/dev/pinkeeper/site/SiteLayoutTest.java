package dev.pinkeeper.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SiteLayout} names every path of a site: after a site is created, planned, given settings and
 * a certificate and deployed, every file in its folder lies under a path the layout names.
 */
class SiteLayoutTest {
    private static final String SITE = "laid";
    private static final String HOST = "laid.pinkeeper.test";

    @TempDir
    Path dir;

    @Test
    void everyFileOfASiteIsUnderAPathTheLayoutNames() throws Exception {
        Path state = dir.resolve("state");
        ok(Cli.runWithState(state, "keys", "init", "--simulated-clock", "--site", SITE, "--domain", HOST,
                "--backup", "rsa:2048,ec:p256"));
        ok(Cli.runWithState(state, "plan", "init", "--site", SITE));
        KeyInventory inventory = new KeyInventory(new StateDirectory(state));
        SiteLayout layout = inventory.layout(SITE);
        KeyEntry current = inventory.load(SITE).current().get(0);
        TestPki.Cert ca = TestPki.root("Layout Root");
        Path root = TestPki.writePem(dir.resolve("root.pem"), ca);
        TestPki.Cert leaf = TestPki.builder(HOST).issuer(ca).dns(HOST).keyPair(inventory.keyPair(SITE, current)).issue();
        Files.createDirectories(layout.certificate(current.id()).getParent());
        TestPki.writePem(layout.certificate(current.id()), leaf);
        new SiteSettingsStore(layout).updateAcme(new AcmeSettings(new CaSettings(null, null, root.toString()), null,
                null, null, null, null, null, List.of()));
        ok(Cli.runWithState(state, "deploy", "--site", SITE, "--target", "none"));

        assertThat(layout.directory()).isEqualTo(state.resolve("sites").resolve(SITE));
        assertThat(layout.inventoryLive()).isSymbolicLink();
        assertThat(layout.lock()).isRegularFile();
        assertThat(layout.plan()).isDirectoryContaining(p -> p.getFileName().toString().startsWith("000001-"));
        assertThat(layout.simulatedClock()).isRegularFile();
        assertThat(layout.acmeSettings()).isRegularFile();
        assertThat(layout.deploySettings()).isRegularFile();
        assertThat(layout.releaseStore().live()).isSymbolicLink();
        for (KeyEntry key : inventory.load(SITE).keys()) {
            assertThat(layout.key(key.id())).isDirectory();
        }
        List<Path> named = List.of(layout.lock(), layout.inventoryLive(), layout.inventoryVersions(), layout.keys(),
                layout.plan(), layout.simulatedClock(), layout.acmeSettings(), layout.deploySettings(),
                layout.certificate(current.id()).getParent(), layout.account("primary").getParent(),
                layout.releases());
        try (Stream<Path> files = Files.walk(layout.directory())) {
            assertThat(files.filter(p -> !p.equals(layout.directory())).toList())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(named).anyMatch(p::startsWith));
        }
    }

    @Test
    void aSiteNameThatIsNotAFolderNameIsRefused() {
        for (String bad : new String[] {"..", "a/b", "", "Upper", "-dash"}) {
            assertThatThrownBy(() -> SiteLayout.of(dir, bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid site name");
        }
        assertThat(SiteLayout.of(dir, "ok.site-1").directory()).isEqualTo(dir.resolve("sites").resolve("ok.site-1"));
    }

    private static void ok(Cli.Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }
}
