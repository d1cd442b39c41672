package dev.pinkeeper.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.site.archive.SiteExport;
import dev.pinkeeper.site.archive.SiteImport;
import dev.pinkeeper.testing.FileSnapshot;

/**
 * A site creation whose process died before its first version became live leaves a folder that neither blocks
 * the next creation nor an import of the site; a committed site, or a folder that may be one, is never removed.
 * (KilledCreationTest kills real creations.)
 */
class UncommittedCreationTest {
    private static final String SITE = "s";
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path temp;

    private Path archive;
    private KeyInventory inventory;
    private SiteLayout layout;

    @BeforeEach
    void archiveOfTheSite() throws Exception {
        KeyInventory source = new KeyInventory(new StateDirectory(temp.resolve("source")));
        create(source);
        archive = temp.resolve("s.archive");
        new SiteExport(source).export(SITE, archive, PASSPHRASE);
        inventory = new KeyInventory(new StateDirectory(temp.resolve("state")));
        layout = inventory.layout(SITE);
    }

    @Test
    void theNextCreationStartsAfreshInTheFolderAKilledOneLeft() throws Exception {
        leaveAKilledCreation(true);
        SiteInventory created = create(inventory);
        assertThat(inventory.history(SITE)).containsExactly(created);
        assertThat(names(layout.keys())).containsExactlyInAnyOrderElementsOf(
                created.keys().stream().map(k -> k.id()).toList());
        assertThat(names(layout.inventoryVersions())).hasSize(1);
        assertThat(layout.creationMark()).doesNotExist();
    }

    @Test
    void anImportReplacesTheFolderAKilledCreationLeftAndItsDryRunChangesNothing() throws Exception {
        leaveAKilledCreation(true);
        Map<String, String> leftover = FileSnapshot.of(layout.directory());
        SiteImport.Imported checked = new SiteImport(inventory.state()).restore(archive, PASSPHRASE, true);
        assertThat(checked.dryRun()).isTrue();
        assertThat(FileSnapshot.of(layout.directory())).isEqualTo(leftover);

        SiteImport.Imported imported = new SiteImport(inventory.state()).restore(archive, PASSPHRASE, false);
        assertThat(inventory.load(SITE)).isEqualTo(imported.inventory());
        assertThat(inventory.history(SITE)).hasSize(1);
        assertThat(layout.creationMark()).doesNotExist();
        assertThat(layout.key("20260101T000000Z-ec-p256-deadbeef")).doesNotExist();
    }

    @Test
    void aFolderKilledBeforeItsMarkHoldingOnlyTheLockIsOneToo() throws Exception {
        Files.createDirectories(layout.directory());
        Files.write(layout.lock(), new byte[0]);
        Files.createDirectory(layout.directory().resolve(SafeFiles.TEMPORARY_PREFIX + "x"));
        assertThat(UncommittedCreation.is(layout)).isTrue();
        new SiteImport(inventory.state()).restore(archive, PASSPHRASE, false);
        assertThat(inventory.exists(SITE)).isTrue();
    }

    @Test
    void aCommittedSiteIsNeverRemovedAndTheImportIsRefused() throws Exception {
        create(inventory);
        Files.write(layout.creationMark(), new byte[0]); // a creation killed after its commit, before removing its mark
        Map<String, String> before = FileSnapshot.of(layout.directory());
        assertThat(UncommittedCreation.is(layout)).isFalse();
        assertThat(UncommittedCreation.remove(layout, Duration.ofSeconds(1))).isFalse();
        assertThatThrownBy(() -> new SiteImport(inventory.state()).restore(archive, PASSPHRASE, false))
                .isInstanceOf(InventoryException.class).hasMessageContaining("exists already");
        assertThat(FileSnapshot.of(layout.directory())).isEqualTo(before);
        // the next change removes the stale mark
        inventory.update(SITE, "domains", change -> change.setDomains(List.of("s.example", "www.s.example")));
        assertThat(layout.creationMark()).doesNotExist();
    }

    @Test
    void aFolderWithoutLiveVersionButWithoutTheMarkIsLeftAlone() throws Exception {
        leaveAKilledCreation(false);
        Files.writeString(layout.acmeSettings(), "{}");
        Map<String, String> before = FileSnapshot.of(layout.directory());
        assertThat(UncommittedCreation.is(layout)).isFalse();
        assertThatThrownBy(() -> new SiteImport(inventory.state()).restore(archive, PASSPHRASE, false))
                .isInstanceOf(InventoryException.class).hasMessageContaining("exists already");
        assertThat(FileSnapshot.of(layout.directory())).isEqualTo(before);
    }

    @Test
    void aCreationUnderWayIsNotRemoved() throws Exception {
        leaveAKilledCreation(true);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread creator = new Thread(() -> {
            try (SiteLock lock = SiteLock.acquire(layout, Duration.ofSeconds(5))) {
                held.countDown();
                release.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        creator.start();
        held.await();
        try {
            Map<String, String> before = FileSnapshot.of(layout.directory());
            assertThatThrownBy(() -> UncommittedCreation.remove(layout, Duration.ofMillis(200)))
                    .isInstanceOf(SiteLockException.class);
            assertThat(FileSnapshot.of(layout.directory())).isEqualTo(before);
        } finally {
            release.countDown();
            creator.join();
        }
    }

    private static SiteInventory create(KeyInventory inventory) throws Exception {
        return inventory.create(SITE, List.of("s.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
    }

    /** What a creation killed after it wrote a key and its version, before {@code live}, leaves. */
    private void leaveAKilledCreation(boolean marked) throws Exception {
        SafeFiles.createPrivateDirectories(layout.key("20260101T000000Z-ec-p256-deadbeef"));
        Files.writeString(layout.key("20260101T000000Z-ec-p256-deadbeef").resolve("private.pem"), "not a key");
        SafeFiles.createPrivateDirectories(layout.inventoryVersions());
        Files.write(layout.inventoryVersion(1, java.time.Instant.parse("2026-01-01T00:00:00Z")),
                "{\"half\":".getBytes(StandardCharsets.UTF_8));
        Files.write(layout.lock(), new byte[0]);
        if (marked) {
            Files.write(layout.creationMark(), new byte[0]);
        }
    }

    /** The names in a folder. */
    private static List<String> names(Path folder) throws Exception {
        try (var list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
