package dev.pinkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.testing.Cli;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Processes;
import dev.pinkeeper.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys prune} leaves no copy of a pruned key: every release whose {@code privkey.pem} holds it
 * goes with it, and the prune is refused while the live release serves it; {@code releases prune}
 * keeps the newest releases and the live one. On real state files, through the command line.
 */
class PruneReleasesTest {
    private static final String SITE = "s";
    private static final String HOST = "s.pinkeeper.test";

    @TempDir
    Path dir;
    Path state;
    KeyInventory inventory;
    TestPki.Cert ca;
    int certificates;

    @BeforeEach
    void site() throws Exception {
        state = dir.resolve("state");
        assertThat(Cli.runWithState(state, "keys", "init", "--site", SITE, "--domain", HOST, "--current", "ec:p256",
                "--backup", "ec:p256,ec:p384").code()).isZero();
        inventory = new KeyInventory(new StateDirectory(state));
        ca = TestPki.root("Prune CA");
        Path roots = TestPki.writePem(dir.resolve("roots.pem"), ca);
        new SiteSettingsStore(inventory.layout(SITE)).updateAcme(new AcmeSettings(
                new CaSettings("letsencrypt", null, roots.toString()), null, null, null, null, null, null, List.of()));
    }

    @Test
    void pruningAKeyRemovesEveryReleaseHoldingItAndIsRefusedWhileTheLiveOneServesIt() throws Exception {
        KeyEntry first = inventory.load(SITE).current().get(0);
        for (int i = 0; i < 3; i++) {
            deploy(first);
        }
        assertThat(releases()).hasSize(3);
        inventory.update(SITE, "rollover", change -> change.promoteNext(first.id(), change.now()));
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();

        Map<String, String> before = FileSnapshot.of(state);
        Cli.Result refused = Cli.runWithState(state, "keys", "prune", "--site", SITE, "--retired-before", tomorrow, "--yes");
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).startsWith("refused: retired key " + first.id())
                .contains("still served by the live release");
        assertThat(FileSnapshot.of(state)).as("a refused prune removes nothing").isEqualTo(before);

        KeyEntry second = inventory.load(SITE).current().get(0);
        deploy(second);
        Path live = Files.readSymbolicLink(state.resolve("sites/s/deploy/live"));

        Cli.Result dryRun = Cli.runWithState(state, "keys", "prune", "--site", SITE, "--retired-before", tomorrow, "--json");
        assertThat(dryRun.code()).as(dryRun.err()).isZero();
        JsonNode planned = dryRun.json();
        assertThat(planned.path("applied").asBoolean()).isFalse();
        assertThat(planned.path("retiredKeys").get(0).path("id").asText()).isEqualTo(first.id());
        assertThat(planned.path("releases")).hasSize(3);
        assertThat(releases()).hasSize(4);

        Cli.Result pruned = Cli.runWithState(state, "keys", "prune", "--site", SITE, "--retired-before", tomorrow, "--yes");
        assertThat(pruned.code()).as(pruned.out() + pruned.err()).isZero();
        assertThat(pruned.out()).contains("removed retired key " + first.id())
                .contains("removed release ").doesNotContain("would");
        assertThat(releases()).containsExactly(state.resolve("sites/s/deploy").resolve(live));
        for (Path release : releases()) {
            assertThat(Processes.opensslPin(release.resolve("privkey.pem"), "private"))
                    .isNotEqualTo(first.pin().base64()).isEqualTo(second.pin().base64());
        }
        assertThat(state.resolve("sites/s/keys").resolve(first.id())).doesNotExist();
        assertThat(privateKeyPinsUnder(state)).doesNotContain(first.pin().base64());
    }

    @Test
    void releasesPruneKeepsTheNewestAndTheLiveRelease() throws Exception {
        KeyEntry current = inventory.load(SITE).current().get(0);
        for (int i = 0; i < 4; i++) {
            deploy(current);
        }
        List<Path> made = releases();
        Path live = state.resolve("sites/s/deploy").resolve(Files.readSymbolicLink(state.resolve("sites/s/deploy/live")));
        assertThat(made).hasSize(4).endsWith(live);

        Cli.Result dryRun = Cli.runWithState(state, "releases", "prune", "--site", SITE, "--keep", "2");
        assertThat(dryRun.code()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("would remove release " + made.get(0).getFileName())
                .contains("would remove release " + made.get(1).getFileName()).contains("dry run");
        assertThat(releases()).isEqualTo(made);

        Cli.Result pruned = Cli.runWithState(state, "releases", "prune", "--site", SITE, "--keep", "1", "--yes", "--json");
        assertThat(pruned.code()).as(pruned.err()).isZero();
        assertThat(pruned.json().path("releases")).hasSize(3);
        assertThat(releases()).containsExactly(live);

        Cli.Result zero = Cli.runWithState(state, "releases", "prune", "--site", SITE, "--keep", "0", "--yes");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.errLines()).singleElement().asString().contains("--keep");
        assertThat(releases()).containsExactly(live);
    }

    /** Deploys a new certificate for {@code key} (target none): a new release. */
    private void deploy(KeyEntry key) throws Exception {
        TestPki.Cert leaf = TestPki.builder(HOST).issuer(ca).dns(HOST).keyPair(inventory.keyPair(SITE, key)).issue();
        Path chain = TestPki.writePem(dir.resolve("fullchain-" + certificates + ".pem"), leaf, ca);
        Path privkey = TestPki.writePrivateKey(dir.resolve("privkey-" + certificates++ + ".pem"),
                inventory.keyPair(SITE, key).getPrivate());
        Cli.Result deployed = Cli.runWithState(state, "deploy", "--site", SITE, "--fullchain", chain.toString(),
                "--privkey", privkey.toString());
        assertThat(deployed.code()).as(deployed.out() + deployed.err()).isZero();
        Thread.sleep(2); // release names are milliseconds
    }

    private List<Path> releases() throws Exception {
        try (Stream<Path> list = Files.list(state.resolve("sites/s/deploy/releases"))) {
            return list.sorted().toList();
        }
    }

    /** The pins of every private key file anywhere in the state (openssl's reading). */
    private static List<String> privateKeyPinsUnder(Path root) throws Exception {
        List<String> pins = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("privkey") || name.equals("private.pem")) {
                    pins.add(Processes.opensslPin(file, "private"));
                }
            }
        }
        return pins;
    }
}
