package dev.pinkeeper.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.lifecycle.SiteDeployer;
import dev.pinkeeper.lifecycle.SitePruning;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.LockHolder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys, settings and releases of a site share its one lock: while another process holds it, a key change,
 * a settings change, a key prune on a site that never deployed (no {@code releases/} yet) and a
 * deployment are each refused with a message naming the site, and the state tree stays byte for byte.
 */
class OneSiteLockTest {
    private static final String SITE = "busy";

    @TempDir
    Path dir;

    @Test
    void everyChangeOfASiteWaitsForItsOneLock() throws Exception {
        Path state = dir.resolve("state");
        ok(Cli.runWithState(state, "keys", "init", "--site", SITE, "--domain", "busy.pinkeeper.test",
                "--backup", "rsa:2048,ec:p256"));
        SiteLayout layout = new KeyInventory(new StateDirectory(state)).layout(SITE);
        Map<String, String> before = FileSnapshot.of(state);
        KeyInventory impatient = new KeyInventory(new StateDirectory(state), Clock.systemUTC(), Duration.ofMillis(200));
        try (LockHolder holder = LockHolder.hold(layout.lock())) {
            String held = "site " + SITE + " is being changed by another pinkeeper process (pid " + holder.pid();
            Cli.Result deploy = Cli.runWithState(state, "deploy", "--site", SITE, "--target", "none");
            assertThat(deploy.code()).as(deploy.err()).isEqualTo(2);
            assertThat(deploy.err()).contains(held);
            assertThatThrownBy(() -> impatient.update(SITE, "add", c -> c.addCurrent(KeyAlgorithm.EC_P384,
                    KeyAlgorithm.EC_P384))).hasMessageContaining(held);
            assertThatThrownBy(() -> new SitePruning(impatient).pruneKeys(SITE, Instant.parse("2100-01-01T00:00:00Z"),
                    true)).as("a prune of a site without releases").hasMessageContaining(held);
            assertThatThrownBy(() -> new SiteDeployer(impatient).deployIssued(SITE, DeploySettings.empty(), null,
                    Instant.now())).hasMessageContaining(held);
            assertThatThrownBy(() -> new SiteSettingsStore(layout, Duration.ofMillis(200)).updateAcme(new AcmeSettings(
                    new CaSettings("https://ca.example/dir", null, null), null, null, null, null, null, null, List.of())))
                    .isInstanceOf(SiteLockException.class).hasMessageContaining(held);
            assertThat(FileSnapshot.of(state)).isEqualTo(before);
        }
        assertThat(layout.releases()).doesNotExist();
    }

    private static void ok(Cli.Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
    }
}
