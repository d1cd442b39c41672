package dev.pinkeeper.plan.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.plan.Ramp;
import dev.pinkeeper.plan.RefusedStepException;

/**
 * Random sequences of plan operations through the library and the state directory — record,
 * renewals from another intermediate, ramp steps, rollovers through the gate, emergencies, clock
 * jumps — never lead to a recorded history in which the simulator finds a lockout.
 */
class PlanServicePropertyTest {
    private static final int RUNS = 12;
    private static final int STEPS = 40;
    private static final Pin[] INTERMEDIATES = {pin(1), pin(2), pin(3)};

    @TempDir
    Path temp;

    @Test
    void randomOperationSequencesRecordHistoriesWithoutLockout() throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (int run = 0; run < RUNS; run++) {
            Random random = new Random(7_000 + run);
            KeyInventory inventory = new KeyInventory(new StateDirectory(temp.resolve("state" + run)));
            inventory.create("site", List.of("site.example", "www.site.example"), List.of(KeyAlgorithm.EC_P256),
                    List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
            PlanService plans = new PlanService(inventory);
            Ramp ramp = new Ramp(Duration.ofDays(random.nextInt(3)), List.of(Duration.ofMinutes(5), Duration.ofDays(1),
                    Duration.ofDays(7 + random.nextInt(30))));
            Instant at = Instant.parse("2027-01-01T00:00:00Z");
            plans.init("site", new PlanSettings(ramp, random.nextBoolean(), null, false, List.of(), List.of(INTERMEDIATES[0])), at);
            plans.advance("site", at, false);
            for (int step = 0; step < STEPS; step++) {
                at = at.plusSeconds(1 + switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(3_600);
                    case 1 -> random.nextInt(86_400 * 3);
                    case 2 -> random.nextInt(86_400 * 30);
                    default -> random.nextInt(86_400 * 90);
                });
                String op = switch (random.nextInt(8)) {
                    case 0 -> "advance";
                    case 1 -> "renew";
                    case 2, 3 -> "ramp";
                    case 4 -> "rollover";
                    case 5 -> "emergency";
                    case 6 -> "set";
                    default -> random.nextInt(10) == 0 ? "retire" : "advance";
                };
                try {
                    switch (op) {
                        case "advance" -> plans.advance("site", at, false);
                        case "renew" -> plans.markServed("site", plans.view("site", at).headers(),
                                chains(inventory.load("site"), INTERMEDIATES[random.nextInt(INTERMEDIATES.length)]), at, false);
                        case "ramp" -> plans.rampStep("site", at);
                        case "rollover" -> plans.rollover("site", null, at, false);
                        case "set" -> plans.changeSettings("site", edit(random, step), at, false);
                        case "retire" -> plans.retire("site", at);
                        default -> plans.emergency("site", "backup-" + (1 + random.nextInt(2)), null, at, false);
                    }
                    counts.merge(op + " done", 1, Integer::sum);
                } catch (RefusedStepException e) {
                    assertThat(e.getMessage()).isNotBlank();
                    counts.merge(op + " refused", 1, Integer::sum);
                } catch (PlanException e) {
                    // a retired plan takes no ramp step, rollover or settings change (and is not retired twice)
                    assertThat(plans.load("site").settings().isRetired()).as(e.getMessage()).isTrue();
                    assertThat(e.getMessage()).contains("retired");
                    counts.merge(op + " refused (retired)", 1, Integer::sum);
                }
            }
            StoredPlan live = plans.load("site");
            assertThat(new LockoutSimulator().simulate(live.history()).lockouts()).as("run " + run).isEmpty();
            List<StoredPlan> versions = plans.store().versions("site");
            HistoryChecks.versionsOnlyGrow(versions);
            for (int i = 1; i < versions.size(); i++) {
                HistoryChecks.extendsHistory(versions.get(i - 1).history(), versions.get(i).history());
            }
            assertThat(versions.get(versions.size() - 1)).isEqualTo(live);
        }
        System.out.println("plan service operations: " + counts);
        for (String op : List.of("rollover", "emergency", "ramp", "renew", "set", "retire")) {
            assertThat(counts).as(op).containsKey(op + " done");
        }
        assertThat(counts).containsKeys("rollover refused", "ramp refused");
    }

    /** A random plan set: a max-age cap, includeSubDomains (on is refused without the override), a report-uri. */
    private static PlanEdit edit(Random random, int step) {
        return switch (random.nextInt(3)) {
            case 0 -> PlanEdit.none().maxAgeCap(Duration.ofDays(1 + random.nextInt(60)));
            case 1 -> PlanEdit.none().includeSubDomains(random.nextBoolean());
            default -> PlanEdit.none().reportUri(random.nextBoolean() ? null : "https://r.example/" + step);
        };
    }

    private static List<Chain> chains(SiteInventory site, Pin intermediate) {
        List<Chain> chains = new ArrayList<>();
        for (KeyEntry key : site.current()) {
            chains.add(new Chain(null, List.of(key.pin(), intermediate)));
        }
        return chains;
    }

    private static Pin pin(int n) {
        byte[] digest = new byte[Pin.LENGTH];
        digest[0] = (byte) n;
        digest[1] = 0x1a;
        return Pin.ofDigest(digest);
    }
}
