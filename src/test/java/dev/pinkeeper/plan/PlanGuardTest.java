package dev.pinkeeper.plan;

import static dev.pinkeeper.plan.TestPins.at;
import static dev.pinkeeper.plan.TestPins.chain;
import static dev.pinkeeper.plan.TestPins.one;
import static dev.pinkeeper.plan.TestPins.pkp;
import static dev.pinkeeper.plan.TestPins.pkpSub;
import static dev.pinkeeper.plan.TestPins.served;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlanGuardTest {
    private final PlanGuard guard = new PlanGuard();

    @Test
    void refusesServingAKeyTheCachedHeaderLacksAndNamesIt() {
        Schedule history = one("example.com", served(0, -1, pkp(1000, "old", "backup"), chain("old")));

        StepVerdict verdict = guard.check(history, List.of("example.com"), served(500, -1, pkp(1000, "new", "b2"), chain("new")));

        assertThat(verdict.safe()).isFalse();
        assertThat(verdict.safeFrom()).isNull();
        assertThat(verdict.lockouts()).singleElement().satisfies(lockout -> {
            assertThat(lockout.from()).isEqualTo(at(500));
            assertThat(lockout.until()).isEqualTo(at(499 + 1000));
        });
        // the library says what fails, not a command-line flag: each caller names its own override
        assertThat(verdict.message()).contains("would lock visitors out").doesNotContain("--");
    }

    @Test
    void acceptsAStepThatKeepsAPinnedKeyAndIgnoresOldFailures() {
        Schedule history = one("example.com",
                served(0, 100, pkp(50, "a", "b"), chain("a")),
                served(100, 120, null, chain("c")),
                served(120, -1, pkp(1000, "c", "d"), chain("c")));

        assertThat(new LockoutSimulator().simulate(history).lockoutFree()).isFalse();
        assertThat(guard.check(history, List.of("example.com"), served(500, -1, pkp(1000, "d", "c"), chain("d"))).safe())
                .isTrue();
    }

    @Test
    void refusesAnIncludeSubDomainsHeaderThatASubdomainBreaks() {
        Schedule history = new Schedule(List.of(
                new HostTimeline("example.com", List.of(served(0, -1, pkp(1000, "apex", "b"), chain("apex")))),
                new HostTimeline("api.example.com", List.of(served(0, -1, null, chain("api"))))));

        StepVerdict verdict = guard.check(history, List.of("example.com"),
                served(10, -1, pkpSub(1000, "apex", "b"), chain("apex")));

        assertThat(verdict.lockouts()).singleElement()
                .satisfies(lockout -> assertThat(lockout.host()).isEqualTo("api.example.com"));
    }
}
