package dev.pinkeeper.plan.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.InventoryChange;
import dev.pinkeeper.keys.InventoryUpdate;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.ServedPeriod;
import dev.pinkeeper.site.SiteTransaction;

/**
 * The live plan version is the newest one whose inventory version is committed and whose keys the live inventory
 * has; a version whose inventory version never was is rolled back by the next change.
 */
class PlanStoreTest {
    private static final Instant START = Instant.parse("2027-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private KeyInventory inventory;
    private SiteInventory site;
    private PlanService plans;
    private StoredPlan first;

    @BeforeEach
    void siteWithAPlan() throws Exception {
        inventory = new KeyInventory(new StateDirectory(temp));
        site = inventory.create("s", List.of("s.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        plans = new PlanService(inventory);
        first = plans.init("s", PlanSettings.DEFAULT, START);
    }

    @Test
    void aVersionNamingAKeyTheInventoryNeverCommittedIsNotLiveAndIsRolledBackByTheNextChange() throws Exception {
        // what a change killed between its plan version and its inventory commit leaves behind
        ServedPeriod served = new ServedPeriod(START.plusSeconds(60), null, List.of(), List.of(Chain.of(site.current().get(0).pin())));
        StoredPlan orphan = crashBeforeTheInventory(inventory, plans, change -> change.generate(KeyRole.BACKUP,
                KeyAlgorithm.EC_P256, null), Schedule.empty().then(List.of("s.example"), served), START.plusSeconds(60));
        assertThat(orphan.version()).isEqualTo(2);
        assertThat(onlyFile(plans.store().folder("s"), "000002-")).exists();
        assertThat(plans.load("s")).isEqualTo(first);
        assertThat(plans.store().versions("s")).as("the plan history shows no uncommitted version").containsExactly(first);
        // the next change rolls the orphan back under the lock, and its version takes the number
        StoredPlan next = plans.advance("s", START.plusSeconds(120), false);
        assertThat(next.version()).isEqualTo(2);
        assertThat(plans.load("s")).isEqualTo(next);
        assertThat(plans.store().versions("s")).extracting(StoredPlan::version).containsExactly(1, 2);
        assertThat(plans.store().versions("s")).doesNotContain(orphan);
    }

    @Test
    void aPlanWrittenForAnInventoryChangeThatNeverCommittedIsNotLiveEvenWhenItNamesFewerKeys() throws Exception {
        KeyEntry backup = site.backups().get(0);
        // a step that retires a backup and drops its pin, the process dying between the plan version and
        // the inventory version: the plan without the pin must not become live while the key is still kept
        StoredPlan orphan = crashBeforeTheInventory(inventory, plans, change -> change.retire(backup.id(), change.now()),
                first.history(), START.plusSeconds(60));
        assertThat(orphan.keyIds()).doesNotContain(backup.id());
        assertThat(inventory.load("s").byId(backup.id()).orElseThrow().role()).isEqualTo(KeyRole.BACKUP);
        assertThat(plans.load("s")).isEqualTo(first);
        // a later key change gets the inventory version number the orphan was written for: still not live
        SiteInventory changed = inventory.update("s", "domains", change -> change.setDomains(List.of("s.example", "www.s.example")));
        assertThat(changed.version()).isEqualTo(site.version() + 1);
        assertThat(plans.load("s")).isEqualTo(first);
        assertThat(plans.store().versions("s")).containsExactly(first);
    }

    /** Stages {@code keyChange} and a plan version for it, then commits only the plan version, as a process killed in between. */
    private static StoredPlan crashBeforeTheInventory(KeyInventory inventory, PlanService plans, InventoryUpdate keyChange,
            Schedule history, Instant at) throws Exception {
        try (SiteTransaction transaction = inventory.transaction("s")) {
            InventoryChange change = inventory.change(transaction);
            keyChange.apply(change);
            StoredPlan plan = plans.store().write(change, change.preview(), "crashed", PlanSettings.DEFAULT, history, at);
            transaction.commit(); // the inventory version, staged after the plan, is never written
            return plan;
        }
    }

    private static Path onlyFile(Path folder, String prefix) throws Exception {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }
}
