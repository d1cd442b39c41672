package dev.pinkeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteLock;
import dev.pinkeeper.testing.FileSnapshot;

/** Pruning keys is one change of the site's transaction: a failed write leaves the keys and what holds them. */
class PruneInOneTransactionTest {
    private static final Instant T = Instant.parse("2027-03-01T12:00:00Z");

    @TempDir
    Path temp;

    @Test
    void aPruneWhoseInventoryVersionCannotBeWrittenRemovesNothing() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp), Clock.fixed(T, ZoneOffset.UTC),
                SiteLock.DEFAULT_PATIENCE);
        inventory.create("p", List.of("p.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        KeyEntry current = inventory.load("p").current().get(0);
        inventory.update("p", "rollover", change -> change.promoteNext(current.id(), change.now()));
        SiteLayout layout = inventory.layout("p");
        Path certificate = layout.certificate(current.id());
        Files.createDirectories(certificate.getParent());
        Files.writeString(certificate, "the retired key's last chain");
        // the name of the version the prune would write is taken: its write fails at the commit
        Files.createDirectories(layout.inventoryVersion("000003-20270301T120000.000Z.json"));
        Map<String, String> before = FileSnapshot.of(temp);

        assertThatThrownBy(() -> new SitePruning(inventory).pruneKeys("p", T.plusSeconds(1), true, T))
                .hasMessageContaining("000003-20270301T120000.000Z.json");

        assertThat(FileSnapshot.of(temp)).isEqualTo(before);
        assertThat(certificate).exists();
        assertThat(inventory.load("p").byId(current.id())).isPresent();
    }
}
