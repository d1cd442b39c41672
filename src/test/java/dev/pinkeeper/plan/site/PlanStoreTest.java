package dev.pinkeeper.plan.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.ServedPeriod;
import dev.pinkeeper.site.SiteTransaction;

/** The live plan version is the newest one whose keys the live inventory has; versions are never rewritten. */
class PlanStoreTest {
    @TempDir
    Path temp;

    @Test
    void aVersionNamingAKeyTheInventoryNeverCommittedIsNotLiveAndIsNotOverwritten() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp));
        SiteInventory site = inventory.create("s", List.of("s.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        PlanService plans = new PlanService(inventory);
        Instant start = Instant.parse("2027-01-01T00:00:00Z");
        StoredPlan first = plans.init("s", PlanSettings.DEFAULT, start);
        // what a rollover killed between its plan version and its inventory commit leaves behind
        List<KeyEntry> keys = new ArrayList<>(site.keys());
        KeyEntry ghost = new KeyEntry("20270101T000000Z-ec-p256-deadbeef", keys.get(1).role(), keys.get(1).algorithm(),
                keys.get(1).pin(), start, null, null, true, null, keys.get(1).nextFor(), null);
        keys.add(ghost);
        SiteInventory uncommitted = new SiteInventory("s", site.domains(), site.version() + 1, start, "rollover", keys);
        ServedPeriod served = new ServedPeriod(start.plusSeconds(60), null, List.of(), List.of(Chain.of(site.current().get(0).pin())));
        StoredPlan orphan;
        try (SiteTransaction transaction = inventory.transaction("s")) {
            orphan = plans.store().write(transaction, uncommitted, "rollover", PlanSettings.DEFAULT,
                    Schedule.empty().then(List.of("s.example"), served), start.plusSeconds(60));
            transaction.commit();
        }
        assertThat(orphan.version()).isEqualTo(2);
        assertThat(plans.load("s")).isEqualTo(first);
        byte[] orphanFile = Files.readAllBytes(onlyFile(plans.store().folder("s"), "000002-"));
        // the next change gets a new number, and the orphan file stays as it was
        StoredPlan next = plans.advance("s", start.plusSeconds(120), false);
        assertThat(next.version()).isEqualTo(3);
        assertThat(plans.load("s")).isEqualTo(next);
        assertThat(Files.readAllBytes(onlyFile(plans.store().folder("s"), "000002-"))).isEqualTo(orphanFile);
        assertThat(plans.store().versions("s")).extracting(StoredPlan::version).containsExactly(1, 2, 3);
    }

    private static Path onlyFile(Path folder, String prefix) throws Exception {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }
}
