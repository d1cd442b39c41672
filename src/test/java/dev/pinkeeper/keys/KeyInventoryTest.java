package dev.pinkeeper.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.Processes;
import dev.pinkeeper.testing.LockHolder;

/** The inventory library: one default site (RSA 3072 generated once) shared by the read-only tests. */
class KeyInventoryTest {
    @TempDir
    static Path shared;
    static KeyInventory defaults;
    static SiteInventory created;

    @TempDir
    Path temp;

    @BeforeAll
    static void createDefaultSite() throws Exception {
        defaults = new KeyInventory(new StateDirectory(shared.resolve("state")));
        created = defaults.create("example", List.of("example.com", "www.example.com"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.RSA_3072, KeyAlgorithm.EC_P256));
    }

    private static KeyInventory ecSite(Path folder, String site) throws InventoryException {
        KeyInventory inventory = new KeyInventory(new StateDirectory(folder.resolve("state")));
        inventory.create(site, List.of(site + ".example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        return inventory;
    }

    @Test
    void aFailedCreationLeavesNothingSoThatTheSiteCanBeCreatedAfterwards() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp.resolve("state")));
        assertThatThrownBy(() -> inventory.createWith("gone", "restore", change -> {
            change.generate(KeyRole.BACKUP, KeyAlgorithm.EC_P256, null);
            throw new InventoryException("the backup file does not match");
        })).hasMessageContaining("does not match");
        assertThat(temp.resolve("state/sites/gone")).doesNotExist();
        // a version the rules refuse (no current key) is a failure too
        assertThatThrownBy(() -> inventory.createWith("gone", "restore",
                change -> change.generate(KeyRole.BACKUP, KeyAlgorithm.EC_P256, null))).hasMessageContaining("no current key");
        assertThat(temp.resolve("state/sites/gone")).doesNotExist();
        assertThat(inventory.exists("gone")).isFalse();
        assertThat(inventory.sites()).isEmpty();
        SiteInventory site = inventory.createWith("gone", "restore", change -> change.addCurrent(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256));
        assertThat(inventory.load("gone")).isEqualTo(site);
    }

    @Test
    void aFailedCreationKeepsAFolderItDidNotCreate() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp.resolve("state")));
        Path folder = Files.createDirectories(temp.resolve("state/sites/kept"));
        Files.writeString(folder.resolve("note"), "the operator's");
        assertThatThrownBy(() -> inventory.createWith("kept", "restore", change -> {
            throw new InventoryException("refused");
        })).hasMessage("refused");
        assertThat(folder.resolve("note")).hasContent("the operator's");
    }

    @Test
    void initCreatesCurrentNextAndTwoBackupsByDefault() throws Exception {
        SiteInventory site = defaults.load("example");
        assertThat(site).isEqualTo(created);
        assertThat(site.version()).isEqualTo(1);
        assertThat(site.current()).singleElement().satisfies(k -> assertThat(k.algorithm()).isEqualTo(KeyAlgorithm.EC_P256));
        KeyEntry current = site.current().get(0);
        assertThat(site.nextFor(current.id())).get().satisfies(n -> {
            assertThat(n.algorithm()).isEqualTo(KeyAlgorithm.EC_P256);
            assertThat(n.role()).isEqualTo(KeyRole.NEXT);
        });
        assertThat(site.backups()).extracting(KeyEntry::algorithm)
                .containsExactly(KeyAlgorithm.RSA_3072, KeyAlgorithm.EC_P256);
        assertThat(site.keys()).allSatisfy(k -> {
            assertThat(k.publishedSince()).isNull();
            assertThat(k.safeFrom()).isNull();
            assertThat(k.offline()).isFalse();
        });
        assertThat(site.pins()).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void privateKeysAre0600In0700FoldersAllTheWayUp() throws Exception {
        Path state = defaults.state().root();
        for (Path folder : List.of(state, state.resolve("sites"), defaults.siteDirectory("example"),
                defaults.siteDirectory("example").resolve("keys"), defaults.siteDirectory("example").resolve("versions"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString())
                    .isEqualTo("rwx------");
        }
        for (KeyEntry key : created.keys()) {
            Path folder = defaults.keyDirectory("example", key);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(defaults.privateKeyFile("example", key))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void pinsAreTheOnesOpensslComputesFromTheKeyFiles() throws Exception {
        for (KeyEntry key : created.keys()) {
            assertThat(Processes.opensslPin(defaults.privateKeyFile("example", key), "private")).isEqualTo(key.pin().base64());
            assertThat(Processes.opensslPin(defaults.keyDirectory("example", key).resolve("public.pem"), "public"))
                    .isEqualTo(key.pin().base64());
        }
    }

    @Test
    void keyPairsLoadAndMatchTheirPins() throws Exception {
        for (KeyEntry key : created.keys()) {
            assertThat(Pin.ofSpki(defaults.keyPair("example", key).getPublic().getEncoded())).isEqualTo(key.pin());
        }
    }

    @Test
    void refusesAKeyThatGroupOrOthersCanReadAndSaysHowToFixIt() throws Exception {
        KeyInventory inventory = ecSite(temp, "loose");
        KeyEntry key = inventory.load("loose").current().get(0);
        Path file = inventory.privateKeyFile("loose", key);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> inventory.keyPair("loose", key)).isInstanceOf(InsecureKeyFileException.class)
                .hasMessageContaining("chmod 600 " + file).hasMessageNotContaining("\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Path folder = file.getParent();
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> inventory.keyPair("loose", key)).isInstanceOf(InsecureKeyFileException.class)
                .hasMessageContaining("chmod 700 " + folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        assertThat(inventory.keyPair("loose", key)).isNotNull();
    }

    @Test
    void changesNeverOverwriteOrDeleteAFileAndKeepEveryVersion() throws Exception {
        KeyInventory inventory = ecSite(temp, "site");
        Path root = inventory.state().root();
        Map<String, String> before = FileSnapshot.of(root);
        SiteInventory v1 = inventory.load("site");
        KeyEntry current = v1.current().get(0);

        inventory.update("site", "add-current", change -> change.addCurrent(KeyAlgorithm.EC_P384, KeyAlgorithm.EC_P384));
        inventory.update("site", "published", change -> change.markPublished(current.pin(), Instant.parse("2026-01-01T00:00:00Z")));
        inventory.update("site", "rollover", change -> change.promoteNext(current.id(), change.now()));

        Map<String, String> after = FileSnapshot.of(root);
        before.forEach((file, hash) -> {
            if (!file.endsWith("/live")) {
                assertThat(after).as(file).containsEntry(file, hash);
            }
        });
        assertThat(inventory.history("site")).extracting(SiteInventory::version).containsExactly(1, 2, 3, 4);
        assertThat(inventory.history("site").get(0)).isEqualTo(v1);
        assertThat(inventory.load("site").version()).isEqualTo(4);
        assertThat(Files.readSymbolicLink(inventory.siteDirectory("site").resolve("live")).toString())
                .startsWith("versions/000004-");
    }

    @Test
    void severalCurrentKeysEachWithItsOwnNextKey() throws Exception {
        KeyInventory inventory = ecSite(temp, "multi");
        SiteInventory after = inventory.update("multi", "add-current",
                change -> change.addCurrent(KeyAlgorithm.EC_P384, KeyAlgorithm.EC_P256));
        assertThat(after.current()).hasSize(2);
        for (KeyEntry current : after.current()) {
            assertThat(after.nextFor(current.id())).isPresent();
        }
        KeyEntry added = after.current().get(1);
        assertThat(added.algorithm()).isEqualTo(KeyAlgorithm.EC_P384);
        assertThat(after.nextFor(added.id()).orElseThrow().algorithm()).isEqualTo(KeyAlgorithm.EC_P256);
        assertThat(after.pinned()).hasSize(6);
        assertThatThrownBy(() -> after.find("current")).hasMessageContaining("current-N");
        assertThat(after.find("current-2")).isEqualTo(added);
        assertThat(after.find(added.pin().base64())).isEqualTo(added);
        assertThat(after.find(added.id())).isEqualTo(added);
    }

    @Test
    void rolloverMechanicsRetireTheOldKeyAndGenerateANewNext() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
        KeyInventory inventory = ecSite(temp, "roll");
        KeyInventory later = new KeyInventory(inventory.state(), clock, Duration.ofSeconds(1));
        SiteInventory v1 = inventory.load("roll");
        KeyEntry oldCurrent = v1.current().get(0);
        KeyEntry oldNext = v1.nextFor(oldCurrent.id()).orElseThrow();
        Instant published = Instant.parse("2026-01-01T00:00:00Z");
        later.update("roll", "plan", change -> {
            assertThat(change.markPublished(oldNext.pin(), published)).isEqualTo(1);
            change.setSafeFrom(oldNext.id(), Instant.parse("2026-02-01T00:00:00Z"));
        });
        SiteInventory after = later.update("roll", "rollover", change -> change.promoteNext(oldCurrent.id(), change.now()));
        KeyEntry newCurrent = after.current().get(0);
        assertThat(newCurrent.id()).isEqualTo(oldNext.id());
        assertThat(newCurrent.publishedSince()).isEqualTo(published);
        assertThat(after.byId(oldCurrent.id()).orElseThrow()).satisfies(k -> {
            assertThat(k.role()).isEqualTo(KeyRole.RETIRED);
            assertThat(k.retired()).isEqualTo(clock.instant());
        });
        KeyEntry newNext = after.nextFor(newCurrent.id()).orElseThrow();
        assertThat(newNext.publishedSince()).isNull();
        assertThat(newNext.created()).isEqualTo(clock.instant());
        assertThat(after.pins()).doesNotContain(oldCurrent.pin()).contains(newNext.pin());
    }

    @Test
    void emergencyPromotesABackupAndGeneratesAReplacementBackup() throws Exception {
        KeyInventory inventory = ecSite(temp, "emergency");
        SiteInventory v1 = inventory.load("emergency");
        KeyEntry current = v1.current().get(0);
        KeyEntry next = v1.nextFor(current.id()).orElseThrow();
        KeyEntry backup = v1.backups().get(1);
        SiteInventory after = inventory.update("emergency", "emergency",
                change -> change.promoteBackup(backup.id(), current.id(), change.now()));
        assertThat(after.current()).extracting(KeyEntry::id).containsExactly(backup.id());
        assertThat(after.nextFor(backup.id())).get().extracting(KeyEntry::id).isEqualTo(next.id());
        assertThat(after.backups()).hasSize(2).extracting(KeyEntry::algorithm)
                .containsExactly(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384);
        assertThat(after.byId(current.id()).orElseThrow().role()).isEqualTo(KeyRole.RETIRED);
    }

    @Test
    void anotherProcessHoldingTheLockMakesChangesWaitThenFail() throws Exception {
        KeyInventory inventory = ecSite(temp, "locked");
        KeyInventory impatient = new KeyInventory(inventory.state(), Clock.systemUTC(), Duration.ofMillis(300));
        Path lockFile = inventory.layout("locked").lock();
        try (LockHolder held = LockHolder.hold(lockFile)) {
            assertThatThrownBy(() -> impatient.update("locked", "x", c -> c.setDomains(List.of("a.example"))))
                    .isInstanceOf(InventoryException.class).hasMessageContaining("site locked is being changed by")
                    .hasMessageContaining("another pinkeeper process (pid " + held.pid());
        }
        assertThat(impatient.update("locked", "x", c -> c.setDomains(List.of("a.example"))).domains())
                .containsExactly("a.example");
    }

    @Test
    void aFailedChangeLeavesTheLiveVersionAndItsLeftoversAreCleanedLater() throws Exception {
        KeyInventory inventory = ecSite(temp, "fail");
        SiteInventory before = inventory.load("fail");
        Map<String, String> state = FileSnapshot.of(inventory.state().root());
        assertThatThrownBy(() -> inventory.update("fail", "broken", change -> {
            change.generate(KeyRole.BACKUP, KeyAlgorithm.EC_P256, null);
            throw new InventoryException("stop");
        })).hasMessage("stop");
        assertThat(inventory.load("fail")).isEqualTo(before);
        // the new key was staged in the site's transaction, never written
        assertThat(FileSnapshot.of(inventory.state().root())).isEqualTo(state);
        // what a change killed halfway leaves: a key folder no version names
        Path abandoned = inventory.layout("fail").key("20270101T000000Z-ec-p256-deadbeef");
        Files.createDirectories(abandoned);
        Files.writeString(abandoned.resolve("private.pem"), "abandoned");
        Files.writeString(inventory.siteDirectory("fail").resolve("versions/.tmp-000002.json-abc"), "partial");
        inventory.update("fail", "domains", c -> c.setDomains(List.of("b.example")));
        try (Stream<Path> files = Files.list(inventory.siteDirectory("fail").resolve("versions"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
        // the abandoned key folder is a leftover that prune removes
        PruneResult dryRun = inventory.prune("fail", Instant.EPOCH, false);
        assertThat(dryRun.leftovers()).hasSize(1);
        assertThat(dryRun.leftovers().get(0)).exists();
        inventory.prune("fail", Instant.EPOCH, true);
        assertThat(dryRun.leftovers().get(0)).doesNotExist();
    }

    @Test
    void pruneRemovesOnlyKeysRetiredBeforeTheDateAndOnlyWhenConfirmed() throws Exception {
        KeyInventory inventory = ecSite(temp, "prune");
        KeyEntry current = inventory.load("prune").current().get(0);
        inventory.update("prune", "rollover", change -> change.promoteNext(current.id(), change.now()));
        Path retiredFolder = inventory.keyDirectory("prune", current);
        Map<String, String> before = FileSnapshot.of(inventory.state().root());

        PruneResult tooEarly = inventory.prune("prune", Instant.parse("2000-01-01T00:00:00Z"), true);
        assertThat(tooEarly.retiredKeys()).isEmpty();
        PruneResult dryRun = inventory.prune("prune", Instant.now().plusSeconds(60), false);
        assertThat(dryRun.retiredKeys()).extracting(KeyEntry::id).containsExactly(current.id());
        assertThat(FileSnapshot.of(inventory.state().root())).isEqualTo(before);

        PruneResult done = inventory.prune("prune", Instant.now().plusSeconds(60), true);
        assertThat(done.applied()).isTrue();
        assertThat(retiredFolder).doesNotExist();
        SiteInventory after = inventory.load("prune");
        assertThat(after.byId(current.id())).isEmpty();
        assertThat(after.change()).isEqualTo("prune");
        Map<String, String> remaining = FileSnapshot.of(inventory.state().root());
        before.forEach((file, hash) -> {
            if (!file.startsWith("sites/prune/keys/" + current.id()) && !file.endsWith("/live")) {
                assertThat(remaining).containsEntry(file, hash);
            }
        });
    }

    @Test
    void createRefusesAnExistingSiteAndTooFewBackups() throws Exception {
        assertThatThrownBy(() -> defaults.create("example", List.of("example.com"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384))).hasMessageContaining("already exists");
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp));
        assertThatThrownBy(() -> inventory.create("one", List.of("one.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256))).hasMessageContaining("at least two backup");
        // the library names the remedy as data, the command line spells it (Remedies)
        assertThatThrownBy(() -> inventory.load("nothing")).hasMessageContaining("no site 'nothing'")
                .isInstanceOfSatisfying(InventoryException.class, e -> assertThat(e.remedies())
                        .containsExactly(new Remedy.Run(Remedy.Operation.KEYS_INIT, "nothing")));
    }

    @Test
    void ed25519KeysCanBeKeptAndPinned() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp));
        SiteInventory site = inventory.create("ed", List.of("ed.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.ED25519, KeyAlgorithm.EC_P256));
        KeyEntry ed = site.backups().get(0);
        assertThat(Processes.opensslPin(inventory.privateKeyFile("ed", ed), "private")).isEqualTo(ed.pin().base64());
    }
}
