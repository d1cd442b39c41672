package dev.pinkeeper.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.site.InventoryVersions;
import dev.pinkeeper.site.SiteLayout;

/**
 * An inventory version a crash left written but never made live (the process died between the version file and
 * the swap of {@code live}) is not in the history, and the next change removes it before it writes its own
 * version of that number.
 */
class UncommittedVersionsTest {
    @TempDir
    Path temp;

    @Test
    void aVersionNeverMadeLiveIsNotInTheHistoryAndTheNextChangeRemovesIt() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp));
        SiteInventory first = inventory.create("s", List.of("s.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        SiteInventory second = inventory.update("s", "domains", change -> change.setDomains(List.of("s.example", "www.s.example")));
        SiteLayout layout = inventory.layout("s");
        // a change killed after writing version 3; and a version 2 of an older crash, which the live one replaced
        Instant crashed = Instant.parse("2020-01-01T00:00:00Z");
        Path staged = layout.inventoryVersion(3, crashed);
        Files.write(staged, InventoryJson.bytes(new SiteInventory("s", List.of("crashed.example"), 3, crashed, "crashed",
                second.keys())));
        Path replaced = layout.inventoryVersion(2, crashed);
        Files.write(replaced, InventoryJson.bytes(new SiteInventory("s", List.of("old.example"), 2, crashed, "crashed",
                second.keys())));
        assertThat(new InventoryVersions(layout).uncommitted()).containsExactlyInAnyOrder(staged, replaced);

        assertThat(inventory.history("s")).containsExactly(first, second);
        assertThat(inventory.load("s")).isEqualTo(second);

        SiteInventory third = inventory.update("s", "domains again", change -> change.setDomains(List.of("s.example")));
        assertThat(third.version()).isEqualTo(3);
        assertThat(staged).doesNotExist();
        assertThat(replaced).doesNotExist();
        assertThat(inventory.history("s")).containsExactly(first, second, third);
        assertThat(new InventoryVersions(layout).files()).hasSize(3);
    }
}
