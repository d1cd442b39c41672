package dev.pinkeeper.plan.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pinkeeper.plan.HostTimeline;
import dev.pinkeeper.plan.LockoutSimulator;
import dev.pinkeeper.plan.PlanGuard;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.ServedPeriod;
import dev.pinkeeper.plan.SimulationResult;
import dev.pinkeeper.plan.StepVerdict;

/** Every shipped scenario: real failures are flagged (and refused step by step), safe plans pass. */
class ShippedScenariosTest {
    static List<String> names() {
        return ShippedScenarios.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void simulatorAgreesWithTheScenariosExpectation(String name) throws Exception {
        Scenario scenario = ShippedScenarios.load(name);

        SimulationResult result = LockoutSimulator.forUserAgent(scenario.userAgent()).simulate(scenario.schedule());

        assertThat(scenario.expectLockout()).as("every shipped scenario states its expectation").isNotNull();
        assertThat(result.lockoutFree()).as(name).isEqualTo(!scenario.expectLockout());
    }

    @ParameterizedTest
    @MethodSource("names")
    void realFailuresAreFlaggedEvenUnderTheBrowsersSixtyDayCap(String name) throws Exception {
        Scenario scenario = ShippedScenarios.load(name);

        SimulationResult capped = LockoutSimulator.forUserAgent(dev.pinkeeper.pin.UserAgent.CHROME)
                .simulate(scenario.schedule());

        assertThat(capped.lockoutFree()).as(name).isEqualTo(!scenario.expectLockout());
    }

    @ParameterizedTest
    @MethodSource("names")
    void planGuardRefusesTheStepThatLocksVisitorsOutAndNothingElse(String name) throws Exception {
        Scenario scenario = ShippedScenarios.load(name);
        PlanGuard guard = new PlanGuard();
        TreeSet<Instant> moments = new TreeSet<>();
        scenario.schedule().hosts().forEach(t -> t.intervals().forEach(s -> moments.add(s.from())));

        Schedule sofar = Schedule.empty();
        List<Instant> refused = new ArrayList<>();
        for (Instant moment : moments) {
            for (HostTimeline timeline : scenario.schedule().hosts()) {
                for (ServedPeriod served : timeline.intervals()) {
                    if (served.from().equals(moment)) {
                        ServedPeriod step = new ServedPeriod(served.from(), null, served.headers(), served.chains());
                        StepVerdict verdict = guard.check(sofar, List.of(timeline.host()), step);
                        if (!verdict.safe()) {
                            refused.add(moment);
                            assertThat(verdict.message()).contains("would lock visitors out");
                        }
                        sofar = sofar.then(timeline.host(), step);
                    }
                }
            }
        }

        if (scenario.expectLockout()) {
            Instant firstFailure = new LockoutSimulator().simulate(scenario.schedule()).lockouts().get(0).from();
            assertThat(refused).as(name).contains(firstFailure);
        } else {
            assertThat(refused).as(name).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void theCopyAtTheRepositoryRootIsTheShippedOne(String name) throws Exception {
        Path copy = Path.of("scenarios", name + ".json");
        try (InputStream shipped = ShippedScenarios.class.getResourceAsStream(
                "/dev/pinkeeper/plan/scenarios/" + name + ".json")) {
            assertThat(Files.readAllBytes(copy)).isEqualTo(shipped.readAllBytes());
        }
    }
}
