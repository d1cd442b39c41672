package dev.pinkeeper.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sites a reading command looks at: those named, else every site. */
class SiteSelectionTest {
    @TempDir
    Path temp;

    @Test
    void noNameMeansEverySiteInNameOrderAndANameOnlyThatSite() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp));
        for (String site : List.of("b", "a")) {
            inventory.create(site, List.of(site + ".example"), List.of(KeyAlgorithm.EC_P256),
                    List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048));
        }
        assertThat(SiteSelection.names(inventory, List.of())).containsExactly("a", "b");
        assertThat(SiteSelection.names(inventory, List.of("b", "a"))).containsExactly("b", "a");
        assertThat(SiteSelection.load(inventory, List.of())).extracting(SiteInventory::site).containsExactly("a", "b");
        assertThat(SiteSelection.load(inventory, List.of("b"))).extracting(SiteInventory::site).containsExactly("b");
        assertThatThrownBy(() -> SiteSelection.load(inventory, List.of("c"))).isInstanceOf(InventoryException.class);
    }
}
