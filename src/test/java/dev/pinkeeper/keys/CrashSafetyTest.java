package dev.pinkeeper.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.site.InventoryVersions;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.KilledRuns;

/**
 * Kills real {@code pinkeeper keys …} processes (destroyForcibly = SIGKILL) at random moments, many
 * times, and checks that every site is then exactly as before or exactly as after the command, loads
 * cleanly, keeps every file it had, and is not left locked.
 */
class CrashSafetyTest {
    private static final long SEED = 20261122L;
    private static final int ITERATIONS = 15; // 30 took 70–160 s on the shared machine

    @TempDir
    Path temp;

    private Path state;
    private KeyInventory inventory;

    @Test
    void killedCommandsLeaveTheOldOrTheNewStateNeverAHalfWrittenOne() throws Exception {
        state = temp.resolve("state");
        inventory = new KeyInventory(new StateDirectory(state));
        inventory.create("crash", List.of("crash.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        Path pass = temp.resolve("pass");
        Files.writeString(pass, "crash test passphrase\n");

        long fullRun = KilledRuns.timed(command("keys", "add-current", "--site", "crash"));
        assertThat(inventory.load("crash").current()).hasSize(2);

        Random random = new Random(SEED);
        Map<String, Long> windows = new TreeMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < ITERATIONS; i++) {
            String kind = switch (i % 3) {
                case 0 -> "init";
                case 1 -> "add-current";
                default -> "backup";
            };
            SiteInventory before = kind.equals("init") ? null : inventory.load("crash");
            String site = kind.equals("init") ? "new" + i : "crash";
            List<String> args;
            KeyEntry backup = before == null ? null : before.backups().get(0);
            boolean restoring = backup != null && backup.offline();
            if (kind.equals("init")) {
                args = command("keys", "init", "--site", site, "--domain", site + ".example",
                        "--backup", "ec:p256,ec:p384");
            } else if (kind.equals("add-current")) {
                args = command("keys", "add-current", "--site", site);
            } else if (restoring) {
                args = command("keys", "backup", "restore", "--site", site, "--file",
                        lastExport.toString(), "--passphrase-file", pass.toString());
            } else {
                lastExport = temp.resolve("out" + i).resolve("crash-" + backup.id() + ".key.pem");
                args = command("keys", "backup", "export", "--site", site, "--key", backup.id(),
                        "--out", temp.resolve("out" + i).toString(), "--passphrase-file", pass.toString(), "--offline");
            }
            Map<String, String> files = FileSnapshot.of(state);
            // an inventory version a killed run wrote and never made live: the next run removes it
            for (Path file : new InventoryVersions(inventory.layout("crash")).uncommitted()) {
                files.remove(state.relativize(file).toString());
            }
            Path watched = kind.equals("init") ? state.resolve("sites")
                    : kind.equals("add-current") ? inventory.siteDirectory("crash").resolve("keys")
                    : restoring ? inventory.keyDirectory("crash", backup) : temp;
            // kill at a random moment between the command's first write and its usual end (or a bit later)
            String windowKey = kind.equals("backup") ? (restoring ? "restore" : "export") : kind;
            long window = windows.getOrDefault(windowKey, fullRun);
            long delay = (long) (window * 1.1 * random.nextDouble());
            KilledRuns.Run run = KilledRuns.runAndKill(args, watched, delay);
            boolean finished = run.finished();
            String outcome;
            if (kind.equals("init")) {
                outcome = checkInit(site);
            } else if (kind.equals("add-current")) {
                outcome = checkAddCurrent(before);
            } else {
                outcome = checkBackup(before, backup.id(), restoring);
            }
            // adapt the kill window to this machine's speed: the observed duration when a run ends by itself,
            // longer after a kill that came before the change was done
            if (finished) {
                windows.put(windowKey, Math.max(1, run.writingMillis()));
            } else if (outcome.equals("before")) {
                windows.put(windowKey, window * 3 / 2);
            }
            if (!finished && outcome.equals("before") && newFiles(files)) {
                outcome = "before, leaving unreferenced files";
            }
            outcomes.merge(kind + (finished ? " finished " : " killed ") + outcome, 1, Integer::sum);
            assertUnchanged(files);
        }
        // the site is not left locked, and the next change completes (and tidies an interrupted --offline)
        SiteInventory last = inventory.update("crash", "after the crashes",
                change -> change.setDomains(List.of("crash.example", "www.crash.example")));
        for (KeyEntry key : last.keys()) {
            Path folder = inventory.keyDirectory("crash", key);
            try (var children = Files.list(folder)) {
                List<String> privateFiles = children.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("private")).toList();
                assertThat(privateFiles).as(key.id()).isEqualTo(key.offline() ? List.of() : List.of(key.privateKeyFile()));
            }
        }
        System.out.println("crash outcomes (full run " + fullRun + " ms): " + outcomes);
        // some kills interrupted a change after its first write (every kill waits for it) and before it was
        // done; "leaving unreferenced files" counts those that had written key or version files already
        assertThat(outcomes.keySet()).anyMatch(k -> k.contains("killed before"));
        assertThat(outcomes.keySet()).anyMatch(k -> k.endsWith("after"));
    }

    private Path lastExport;

    private String checkInit(String site) throws Exception {
        if (!inventory.exists(site)) {
            return "before";
        }
        SiteInventory created = inventory.load(site);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.keys()).extracting(KeyEntry::role)
                .containsExactly(KeyRole.CURRENT, KeyRole.NEXT, KeyRole.BACKUP, KeyRole.BACKUP);
        assertLoads(site, created);
        return "after";
    }

    /** The site after a killed run, checked to load: null when it is as before, else exactly one version later. */
    private SiteInventory changedSince(SiteInventory before) throws Exception {
        SiteInventory now = inventory.load("crash");
        assertLoads("crash", now);
        if (now.equals(before)) {
            return null;
        }
        assertThat(now.version()).isEqualTo(before.version() + 1);
        return now;
    }

    private String checkAddCurrent(SiteInventory before) throws Exception {
        SiteInventory now = changedSince(before);
        if (now == null) {
            return "before";
        }
        assertThat(now.keys().subList(0, before.keys().size())).isEqualTo(before.keys());
        assertThat(now.keys()).hasSize(before.keys().size() + 2);
        KeyEntry added = now.keys().get(before.keys().size());
        assertThat(added.role()).isEqualTo(KeyRole.CURRENT);
        assertThat(now.nextFor(added.id())).isPresent();
        return "after";
    }

    private String checkBackup(SiteInventory before, String id, boolean restoring) throws Exception {
        SiteInventory now = changedSince(before);
        if (now == null) {
            return "before";
        }
        KeyEntry key = now.byId(id).orElseThrow();
        assertThat(key.offline()).isEqualTo(!restoring);
        List<KeyEntry> others = new ArrayList<>(now.keys());
        others.remove(key);
        List<KeyEntry> othersBefore = new ArrayList<>(before.keys());
        othersBefore.remove(before.byId(id).orElseThrow());
        assertThat(others).isEqualTo(othersBefore);
        return "after";
    }

    private void assertLoads(String site, SiteInventory live) throws Exception {
        for (KeyEntry key : live.keys()) {
            if (!key.offline()) {
                assertThat(inventory.keyPair(site, key)).isNotNull();
            }
        }
    }

    /** Every file that existed still exists, unchanged; only the live symlinks, temporaries and the private
     * file of a key taken offline may differ. */
    private void assertUnchanged(Map<String, String> before) throws Exception {
        Map<String, String> after = FileSnapshot.of(state);
        SiteInventory live = inventory.load("crash");
        before.forEach((file, hash) -> {
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (name.equals("live") || file.startsWith(".tmp-") || file.contains("/.tmp-")) {
                return;
            }
            if (name.startsWith("private") && file.startsWith("sites/crash/keys/")) {
                String id = file.split("/")[3];
                if (live.byId(id).map(KeyEntry::offline).orElse(false)) {
                    return; // taken offline: its private key is meant to go
                }
            }
            assertThat(after).as(file).containsEntry(file, hash);
        });
    }

    private List<String> command(String... args) {
        return KilledRuns.command(state, args);
    }

    /** Whether key or version files appeared since the snapshot (not temporaries, not the lock file). */
    private boolean newFiles(Map<String, String> before) {
        return FileSnapshot.of(state).keySet().stream()
                .anyMatch(file -> !before.containsKey(file) && !file.contains(".tmp-") && !file.endsWith("/lock"));
    }
}
