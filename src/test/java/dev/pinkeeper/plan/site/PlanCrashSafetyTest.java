package dev.pinkeeper.plan.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.site.InventoryVersions;
import dev.pinkeeper.site.PlanVersions;
import dev.pinkeeper.testing.FileSnapshot;
import dev.pinkeeper.testing.KilledRuns;

/**
 * Kills real {@code pinkeeper plan rollover} processes (SIGKILL) at random moments after they
 * started writing, and checks that the site is then exactly before or exactly after the rollover —
 * keys and plan together — loads cleanly, keeps every file (but a plan version whose inventory version was
 * never committed: the next run rolls it back), and that its history only grew.
 */
class PlanCrashSafetyTest {
    private static final long SEED = 20261122L;
    private static final int ITERATIONS = 20;
    private static final Instant START = Instant.parse("2027-01-01T00:00:00Z");

    @TempDir
    Path temp;

    @Test
    void killedRolloversLeaveTheOldOrTheNewStateOfKeysAndPlanTogether() throws Exception {
        Path state = temp.resolve("state");
        KeyInventory inventory = new KeyInventory(new StateDirectory(state));
        inventory.create("crash", List.of("crash.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        SiteClock.simulate(inventory, "crash"); // the killed commands run at --at in 2027
        PlanService plans = new PlanService(inventory);
        plans.init("crash", PlanSettings.DEFAULT, START);
        plans.advance("crash", START, false);
        Instant at = START.plus(Duration.ofDays(7));
        for (long step : new long[] {300, 86_400, 7 * 86_400, 30 * 86_400, 0}) {
            plans.rampStep("crash", at);
            at = at.plusSeconds(step);
        }
        at = at.plus(Duration.ofDays(1));
        long fullRun = KilledRuns.timed(KilledRuns.command(state, "plan", "rollover", "--site", "crash", "--at", at.toString()));
        Random random = new Random(SEED);
        long window = fullRun;
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < ITERATIONS; i++) {
            // the next key of the last rollover is safe 60 days + 1 day after its pin was first served
            at = at.plus(Duration.ofDays(62));
            SiteInventory before = inventory.load("crash");
            StoredPlan planBefore = plans.load("crash");
            Map<String, String> files = FileSnapshot.of(state);
            // a plan version whose inventory version a killed run never committed, and that inventory version if it
            // was written: the next run rolls them back
            Set<String> orphans = new HashSet<>();
            for (Path file : new PlanVersions(inventory.layout("crash")).files()) {
                if (!PlanVersions.committed(file, before.version())) {
                    orphans.add(state.relativize(file).toString());
                }
            }
            for (Path file : new InventoryVersions(inventory.layout("crash")).uncommitted()) {
                orphans.add(state.relativize(file).toString());
            }
            long delay = (long) (window * 1.1 * random.nextDouble());
            KilledRuns.Run run = KilledRuns.runAndKill(KilledRuns.command(state, "plan", "rollover", "--site", "crash",
                    "--at", at.toString()), inventory.siteDirectory("crash").resolve("keys"), delay);
            SiteInventory now = inventory.load("crash");
            StoredPlan planNow = plans.load("crash");
            String outcome;
            if (now.equals(before)) {
                assertThat(planNow).isEqualTo(planBefore);
                outcome = "before";
                at = at.minus(Duration.ofDays(62));
            } else {
                KeyEntry oldCurrent = before.current().get(0);
                KeyEntry oldNext = before.nextFor(oldCurrent.id()).orElseThrow();
                assertThat(now.current()).extracting(KeyEntry::id).containsExactly(oldNext.id());
                assertThat(now.byId(oldCurrent.id()).orElseThrow().retired()).isNotNull();
                assertThat(planNow.version()).isGreaterThan(planBefore.version());
                assertThat(planNow.change()).isEqualTo("rollover");
                assertThat(planNow.written()).isEqualTo(at);
                HistoryChecks.extendsHistory(planBefore.history(), planNow.history());
                outcome = "after";
            }
            for (KeyEntry key : now.pinned()) {
                if (!key.offline()) {
                    assertThat(inventory.keyPair("crash", key)).isNotNull();
                }
            }
            assertThat(new LockoutSimulator().simulate(planNow.history()).lockouts()).isEmpty();
            Map<String, String> after = FileSnapshot.of(state);
            files.forEach((file, hash) -> {
                if (!file.endsWith("/live") && !file.contains(".tmp-") && !orphans.contains(file)) {
                    assertThat(after).as(file).containsEntry(file, hash);
                }
            });
            if (run.finished()) {
                window = Math.max(1, run.writingMillis());
            } else if (outcome.equals("before")) {
                window = window * 3 / 2;
            }
            outcomes.merge((run.finished() ? "finished " : "killed ") + outcome, 1, Integer::sum);
        }
        System.out.println("plan rollover crash outcomes (full run " + fullRun + " ms): " + outcomes);
        assertThat(outcomes.keySet()).anyMatch(k -> k.startsWith("killed"));
        assertThat(outcomes.keySet()).anyMatch(k -> k.endsWith("after"));
        // not left locked, and the site goes on
        plans.rollover("crash", null, at.plus(Duration.ofDays(62)), false);
        HistoryChecks.versionsOnlyGrow(plans.store().versions("crash"));
    }
}
