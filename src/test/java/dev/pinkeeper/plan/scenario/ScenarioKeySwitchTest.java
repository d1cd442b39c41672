package dev.pinkeeper.plan.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.plan.CachedHeader;
import dev.pinkeeper.plan.LockoutSimulator;

/** {@link ScenarioKeySwitch}: the rollover gate over a scenario, and the cached headers a wait is for. */
class ScenarioKeySwitchTest {
    @Test
    void aPublishedKeyIsSafeOnceTheLastHeaderWithoutItExpires() throws Exception {
        Scenario scenario = ShippedScenarios.load("proper-90-day-rollover");
        LockoutSimulator simulator = LockoutSimulator.forUserAgent(scenario.userAgent());
        Instant now = scenario.now();

        ScenarioKeySwitch early = ScenarioKeySwitch.check(scenario, simulator, scenario.pin("k3"), List.of(), now);
        assertThat(early.hosts()).isEqualTo(scenario.schedule().hostNames());
        assertThat(early.safe()).isFalse();
        assertThat(early.verdict().pinPublished()).isTrue();
        assertThat(early.liveBlockers()).isNotEmpty().allSatisfy(b -> assertThat(b.liveUntil()).isAfter(now));
        assertThat(early.verdict().blockers()).containsAll(early.liveBlockers());

        Instant from = early.verdict().safeFrom();
        ScenarioKeySwitch later = ScenarioKeySwitch.check(scenario, simulator, scenario.pin("k3"), List.of("www.example.net"), from);
        assertThat(later.safe()).isTrue();
        assertThat(later.liveBlockers()).isEmpty();
        for (CachedHeader blocker : early.verdict().blockers()) {
            assertThat(blocker.liveUntil()).isNotNull().isBeforeOrEqualTo(from);
        }
    }

    @Test
    void aScenarioWithoutHostsHasNoTarget() throws Exception {
        Scenario scenario = ShippedScenarios.load("proper-90-day-rollover");
        assertThat(ScenarioKeySwitch.targets(scenario, null)).containsExactly("www.example.net");
        assertThat(ScenarioKeySwitch.targets(scenario, List.of("a.example"))).containsExactly("a.example");
        Scenario empty = new Scenario("empty", null, null, scenario.userAgent(), null, scenario.pins(),
                dev.pinkeeper.plan.Schedule.empty());
        assertThat(ScenarioKeySwitch.targets(empty, List.of())).isEmpty();
        assertThatThrownBy(() -> ScenarioKeySwitch.check(empty, LockoutSimulator.forUserAgent(scenario.userAgent()),
                scenario.pin("k3"), List.of(), Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }
}
