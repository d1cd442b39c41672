package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IssueRun} without a CA: which keys an issue certifies and whether it deploys them, which keys it
 * orders for, and a closed gate stopping it before anything is written.
 */
class IssueRunTest {
    private static final String SITE = "shop";

    @TempDir
    Path dir;

    private Path state;
    private KeyInventory inventory;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void site() {
        state = dir.resolve("state");
        Cli.Result init = Cli.runWithState(state, "keys", "init", "--site", SITE, "--domain", "shop.pinkeeper.test",
                "--current", "ec:p256", "--backup", "ec:p256,rsa:2048");
        assertThat(init.code()).as(init.out() + init.err()).isZero();
        inventory = new KeyInventory(new StateDirectory(state));
    }

    private IssueRun.Request request(String key, boolean deploy) {
        return new IssueRun.Request(SITE, "primary", key, false, null, deploy, now);
    }

    @Test
    void theCurrentKeysAreCertifiedAndServedABackupIsOnlyCertified() throws Exception {
        IssueRun run = new IssueRun(inventory, LifecycleLog.NONE);
        SiteInventory keys = inventory.load(SITE);

        IssueRun.Keys current = run.keys(request("current", true));
        assertThat(current.keys()).extracting(KeyEntry::id).containsExactlyElementsOf(
                keys.current().stream().map(KeyEntry::id).toList());
        assertThat(current.serving()).isTrue();

        IssueRun.Keys backup = run.keys(request("backup-1", true));
        assertThat(backup.keys()).singleElement().extracting(KeyEntry::role).isEqualTo(KeyRole.BACKUP);
        assertThat(backup.serving()).as("a backup is not served").isFalse();
    }

    @Test
    void everyKeyWithoutAKeptCertificateIsOrdered() throws Exception {
        IssueRun run = new IssueRun(inventory, LifecycleLog.NONE);
        IssueRun.Keys keys = run.keys(request("current", true));

        IssueRun.Due due = run.due(request("current", true), keys, AcmeSettings.empty(), false);
        assertThat(due.order()).containsExactlyElementsOf(keys.keys());
        assertThat(due.notDue()).isEmpty();
        assertThat(due.none()).isFalse();
    }

    @Test
    void aClosedGateStopsTheIssueBeforeAnythingIsWritten() throws Exception {
        IssueRun run = new IssueRun(inventory, LifecycleLog.NONE);
        IssueRun.Keys keys = run.keys(request("current", true));
        Map<String, String> before = FileSnapshot.of(state);
        IssueRun.Settings settings = new IssueRun.Settings(AcmeSettings.empty(), null, null, null,
                EnumSet.noneOf(SiteSetting.class));

        assertThatThrownBy(() -> run.issue(request("current", true), keys, keys.keys(), settings, site -> {
            throw new IllegalStateException("pre-hook failed: nothing was changed");
        })).isInstanceOfSatisfying(PinkeeperException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.REFUSED);
            assertThat(e.getMessage()).isEqualTo("pre-hook failed: nothing was changed");
        });
        assertThat(FileSnapshot.of(state)).isEqualTo(before);
    }

    @Test
    void aResultIsOkOnlyWhenItsDeploymentWentLiveOrNothingWasToDeploy() {
        IssueRun.Result notAsked = new IssueRun.Result(false, List.of(), List.of(), List.of(), List.of(), null,
                List.of(), IssueRun.NotDeployed.NOT_ASKED, null);
        IssueRun.Result partial = new IssueRun.Result(false, List.of(), List.of(), List.of(), List.of(), null,
                List.of(), IssueRun.NotDeployed.PARTIAL, null);
        assertThat(notAsked.ok()).isTrue();
        assertThat(partial.ok()).isFalse();
    }
}
