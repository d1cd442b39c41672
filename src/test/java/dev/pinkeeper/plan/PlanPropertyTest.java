package dev.pinkeeper.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.keys.KeyRole;

/**
 * Random sequences of plan operations over two years: through the gate and guard they never lock
 * anyone out; with the override, every run where the gate called a forced step unsafe has a lockout
 * the simulator finds, and every run without one has none.
 */
class PlanPropertyTest {
    private static final Duration TWO_YEARS = Duration.ofDays(730);
    private final LockoutSimulator simulator = new LockoutSimulator();

    @Test
    void gatedOperationsNeverLockAnyoneOut() {
        int rollovers = 0;
        int promotions = 0;
        int rampSteps = 0;
        for (int seed = 0; seed < 100; seed++) {
            RandomPlanRun.Outcome outcome = new RandomPlanRun(new Random(seed)).run(TWO_YEARS, false, true);

            SimulationResult result = simulator.simulate(outcome.plan().history());

            assertThat(result.lockouts()).as("seed %d", seed).isEmpty();
            assertThat(result.ignoredHeaders()).as("seed %d: every header served is noted", seed).isEmpty();
            rollovers += outcome.rollovers();
            promotions += outcome.promotions();
            rampSteps += outcome.rampSteps();
        }
        assertThat(rollovers).as("rollovers done").isGreaterThan(100);
        assertThat(promotions).as("emergency promotions done").isGreaterThan(50);
        assertThat(rampSteps).as("ramp steps done").isGreaterThan(150);
    }

    @Test
    void overriddenUnsafeStepsAreExactlyTheRunsWithLockouts() {
        int unsafeRuns = 0;
        int safeRuns = 0;
        for (int seed = 0; seed < 100; seed++) {
            RandomPlanRun.Outcome outcome = new RandomPlanRun(new Random(seed)).run(TWO_YEARS, true, true);

            SimulationResult result = simulator.simulate(outcome.plan().history());

            assertThat(result.lockoutFree()).as("seed %d, %d forced unsafe steps", seed, outcome.forcedUnsafe())
                    .isEqualTo(outcome.forcedUnsafe() == 0);
            if (outcome.forcedUnsafe() > 0) {
                unsafeRuns++;
            } else {
                safeRuns++;
            }
        }
        assertThat(unsafeRuns).as("runs where the override caused lockouts").isGreaterThan(20);
        assertThat(safeRuns).as("forced runs where every forced step happened to be safe").isGreaterThan(5);
    }

    @Test
    void theGuardRefusesWhatTheGateRefuses() throws Exception {
        Plan plan = Plan.start(PinPolicy.ofKeys(java.util.List.of(
                        new PinnedKey(TestPins.pin("c"), KeyRole.CURRENT, "RSA"),
                        new PinnedKey(TestPins.pin("n"), KeyRole.NEXT, "RSA"),
                        new PinnedKey(TestPins.pin("b"), KeyRole.BACKUP, "EC"))),
                java.util.List.of("example.com"), java.util.List.of(TestPins.pin("R10")), RandomPlanRun.START);
        plan = plan.advance(Duration.ofDays(7)).rampStep().advance(Duration.ofMinutes(5)).rampStep();
        Plan rolled = plan.advance(Duration.ofDays(2)).rollover(TestPins.pin("c"), TestPins.pin("n"),
                new PinnedKey(TestPins.pin("n2"), KeyRole.NEXT, "RSA"), false);

        // n2 was published a second ago; the 1-day header of a second ago lacks it
        Plan soon = rolled.advance(Duration.ofSeconds(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> soon.rollover(TestPins.pin("n"), TestPins.pin("n2"),
                        new PinnedKey(TestPins.pin("n3"), KeyRole.NEXT, "RSA"), false))
                .isInstanceOf(RefusedStepException.class)
                .satisfies(e -> assertThat(((RefusedStepException) e).overridable()).isTrue())
                .satisfies(e -> assertThat(((RefusedStepException) e).allowedFrom())
                        .isEqualTo(rolled.now().minusSeconds(1).plus(Duration.ofDays(1)).plus(RolloverGate.DEFAULT_MARGIN)));
        Plan forced = soon.rollover(TestPins.pin("n"), TestPins.pin("n2"),
                new PinnedKey(TestPins.pin("n3"), KeyRole.NEXT, "RSA"), true);
        assertThat(simulator.simulate(forced.history()).lockouts()).isNotEmpty();
    }
}
