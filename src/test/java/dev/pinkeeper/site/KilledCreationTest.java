package dev.pinkeeper.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.site.archive.SiteExport;
import dev.pinkeeper.site.archive.SiteImport;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.KilledRuns;

/**
 * kill -9, for real, of {@code pinkeeper keys init} at random moments after it created the site's folder: the
 * folder a creation killed before its commit left is removed by a {@code site import} of the site (or the next
 * creation starts afresh in it), and a site whose creation committed before the kill is never removed (the
 * import is refused and changes nothing).
 */
class KilledCreationTest {
    private static final String SITE = "fresh";
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    /** Enough runs to see several creations killed before their commit, whatever this machine's speed. */
    private static final int MOST_RUNS = 16;
    private static final int ENOUGH_UNCOMMITTED = 4;

    @TempDir
    Path temp;

    @Test
    void aCreationKilledBeforeItsCommitBlocksNeitherAnImportNorTheNextCreation() throws Exception {
        long seed = Long.getLong("pinkeeper.killSeed", System.nanoTime());
        System.out.println("killed creation test: seed " + seed);
        Random random = new Random(seed);
        KeyInventory source = new KeyInventory(new StateDirectory(temp.resolve("source")));
        source.create(SITE, List.of("fresh.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        Path archive = temp.resolve("fresh.archive");
        new SiteExport(source).export(SITE, archive, PASSPHRASE);

        long window = 0;
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int run = 0; run < MOST_RUNS && outcomes.getOrDefault("killed before its commit", 0) < ENOUGH_UNCOMMITTED; run++) {
            Path state = temp.resolve("state" + run);
            KeyInventory inventory = new KeyInventory(new StateDirectory(state));
            List<String> command = KilledRuns.command(state, "keys", "init", "--site", SITE, "--domain", "fresh.example",
                    "--backup", "ec:p256,ec:p384");
            if (window == 0) {
                window = Math.max(1, KilledRuns.runAndKill(command, SiteLayout.sites(state), 60_000).writingMillis());
                outcomes.merge("finished", 1, Integer::sum);
                continue;
            }
            KilledRuns.Run killed = KilledRuns.runAndKill(command, SiteLayout.sites(state), (long) (window * 1.1 * random.nextDouble()));
            SiteLayout layout = inventory.layout(SITE);
            if (inventory.exists(SITE)) {
                // committed: never removed
                SiteInventory created = inventory.load(SITE);
                Map<String, String> before = FileSnapshot.of(layout.directory());
                assertThatThrownBy(() -> new SiteImport(inventory.state()).restore(archive, PASSPHRASE, false))
                        .isInstanceOf(InventoryException.class).hasMessageContaining("exists already");
                assertThat(FileSnapshot.of(layout.directory())).isEqualTo(before);
                assertThat(inventory.load(SITE)).isEqualTo(created);
                outcomes.merge(killed.finished() ? "finished" : "killed after its commit", 1, Integer::sum);
                window = Math.max(1, window * 2 / 3); // the kill came late: aim earlier next time
                continue;
            }
            assertThat(inventory.sites()).as("a creation never committed is no site").isEmpty();
            if (!Files.exists(layout.directory())) {
                outcomes.merge("killed before its folder", 1, Integer::sum);
                continue;
            }
            outcomes.merge("killed before its commit", 1, Integer::sum);
            assertThat(UncommittedCreation.is(layout)).as("what the killed creation left").isTrue();
            if (run % 2 == 0) {
                SiteImport.Imported imported = new SiteImport(inventory.state()).restore(archive, PASSPHRASE, false);
                assertThat(inventory.load(SITE)).isEqualTo(imported.inventory());
                assertThat(inventory.history(SITE)).hasSize(1);
            } else {
                SiteInventory created = inventory.create(SITE, List.of("fresh.example"), List.of(KeyAlgorithm.EC_P256),
                        List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
                assertThat(inventory.history(SITE)).containsExactly(created);
                try (var keys = Files.list(layout.keys())) {
                    assertThat(keys.map(p -> p.getFileName().toString()).toList())
                            .containsExactlyInAnyOrderElementsOf(created.keys().stream().map(KeyEntry::id).toList());
                }
            }
            assertThat(layout.creationMark()).doesNotExist();
        }
        System.out.println("killed creation test: " + outcomes);
        assertThat(outcomes).containsKey("killed before its commit");
    }
}
