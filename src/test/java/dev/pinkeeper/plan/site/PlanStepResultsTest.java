package dev.pinkeeper.plan.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;

/** The typed results of the plan steps the command line renders: advance, ramp, retire, the versions, the history. */
class PlanStepResultsTest {
    private static final Instant START = Instant.parse("2027-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private PlanService site() throws Exception {
        KeyInventory inventory = new KeyInventory(new StateDirectory(temp));
        inventory.create("s", List.of("s.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        PlanService plans = new PlanService(inventory);
        plans.init("s", PlanSettings.DEFAULT, START);
        return plans;
    }

    @Test
    void advanceSaysWhetherItRecordedAnythingNew() throws Exception {
        PlanService plans = site();
        Advance first = plans.advanceStep("s", START, false);
        assertThat(first.recorded()).isTrue();
        assertThat(first.plan().version()).isEqualTo(2);
        Advance again = plans.advanceStep("s", START.plusSeconds(60), false);
        assertThat(again.recorded()).isFalse();
        assertThat(again.plan().version()).isEqualTo(2);
    }

    @Test
    void aRampStepReturnsTheHeadersItsVersionServes() throws Exception {
        PlanService plans = site();
        plans.advance("s", START, false);
        Instant due = START.plus(Duration.ofDays(7));
        List<String> before = plans.view("s", due).headers().stream().map(Object::toString).toList();
        RampChange ramp = plans.ramp("s", due);
        assertThat(ramp.plan().change()).isEqualTo("ramp");
        assertThat(ramp.headers()).isEqualTo(plans.view("s", due).headers());
        assertThat(ramp.headers().stream().map(Object::toString).toList()).isNotEqualTo(before);
    }

    @Test
    void retiringReturnsTheWindDownOfTheRetiredVersion() throws Exception {
        PlanService plans = site();
        plans.advance("s", START, false);
        Instant at = START.plus(Duration.ofDays(1));
        RetiredPlan retired = plans.retirePlan("s", at);
        assertThat(retired.plan().settings().isRetired()).isTrue();
        assertThat(retired.retirement().retiredAt()).isEqualTo(at);
        assertThat(plans.retirement("s")).contains(retired.retirement());
    }

    @Test
    void theVersionsAndTheHistoryNeedAPlan() throws Exception {
        PlanService plans = site();
        plans.advance("s", START, false);
        assertThat(plans.versions("s")).extracting(StoredPlan::version).containsExactly(1, 2);
        assertThat(plans.scenario("s")).isEqualTo(plans.store().scenario(plans.load("s"), plans.inventory().load("s")));
        plans.inventory().create("bare", List.of("bare.example"), List.of(KeyAlgorithm.EC_P256),
                List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384));
        assertThatThrownBy(() -> plans.versions("bare")).isInstanceOf(PlanException.class);
        assertThatThrownBy(() -> plans.scenario("bare")).isInstanceOf(PlanException.class);
    }
}
