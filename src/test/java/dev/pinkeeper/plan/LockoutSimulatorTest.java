package dev.pinkeeper.plan;

import static dev.pinkeeper.plan.TestPins.at;
import static dev.pinkeeper.plan.TestPins.chain;
import static dev.pinkeeper.plan.TestPins.one;
import static dev.pinkeeper.plan.TestPins.pin;
import static dev.pinkeeper.plan.TestPins.pkp;
import static dev.pinkeeper.plan.TestPins.pkpSub;
import static dev.pinkeeper.plan.TestPins.reportOnly;
import static dev.pinkeeper.plan.TestPins.served;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.pin.UserAgent;

class LockoutSimulatorTest {
    private final LockoutSimulator simulator = new LockoutSimulator();

    @Test
    void switchingToAnUnpinnedKeyLocksOutUntilTheLastCacheEntryExpires() {
        Schedule schedule = one("example.com",
                served(0, 1000, pkp(500, "old", "backup"), chain("old", "ca")),
                served(1000, -1, pkp(500, "new", "old"), chain("new", "ca")));

        SimulationResult result = simulator.simulate(schedule);

        assertThat(result.lockouts()).hasSize(1);
        Lockout lockout = result.lockouts().get(0);
        assertThat(lockout.host()).isEqualTo("example.com");
        assertThat(lockout.chain().leaf()).isEqualTo(pin("new"));
        assertThat(lockout.cause().header().pins()).containsExactly(pin("old"), pin("backup"));
        assertThat(lockout.from()).isEqualTo(at(1000));
        // noted at 999 at the latest, enforced through 999 + 500 - 1
        assertThat(lockout.until()).isEqualTo(at(1499));
        assertThat(lockout.cause().liveUntil()).isEqualTo(at(1499));
        assertThat(lockout.exampleFirstVisit()).isEqualTo(at(501));
        assertThat(lockout.exampleLaterVisit()).isEqualTo(at(1000));
    }

    @Test
    void switchingExactlyWhenTheLastCacheEntryExpiresIsSafeAndOneSecondEarlierIsNot() {
        PkpHeader old = pkp(500, "old", "backup");
        Schedule onTime = one("example.com",
                served(0, 1000, old, chain("old")),
                served(1000, 1499, null, chain("old")),
                served(1499, -1, pkp(500, "new", "b2"), chain("new")));
        Schedule early = one("example.com",
                served(0, 1000, old, chain("old")),
                served(1000, 1498, null, chain("old")),
                served(1498, -1, pkp(500, "new", "b2"), chain("new")));

        assertThat(simulator.simulate(onTime).lockoutFree()).isTrue();
        List<Lockout> lockouts = simulator.simulate(early).lockouts();
        assertThat(lockouts).hasSize(1);
        assertThat(lockouts.get(0).from()).isEqualTo(at(1498));
        assertThat(lockouts.get(0).until()).isEqualTo(at(1499));
    }

    @Test
    void reportOnlyHeadersAreNeverEnforced() {
        Schedule schedule = one("example.com",
                served(0, 1000, reportOnly(100000, "old", "backup"), chain("old")),
                served(1000, -1, null, chain("new")));

        assertThat(simulator.simulate(schedule).lockoutFree()).isTrue();
    }

    @Test
    void maxAgeZeroCachesNothing() {
        Schedule schedule = one("example.com",
                served(0, 1000, pkp(0, "old", "backup"), chain("old")),
                served(1000, -1, null, chain("new")));

        SimulationResult result = simulator.simulate(schedule);

        assertThat(result.lockoutFree()).isTrue();
        assertThat(result.headersChecked()).isZero();
    }

    @Test
    void aHeaderWithoutABackupPinIsNotNotedAndIsReported() {
        Schedule schedule = one("example.com",
                served(0, 1000, pkp(100000, "old"), chain("old", "ca")),
                served(1000, -1, null, chain("new")));

        SimulationResult result = simulator.simulate(schedule);

        assertThat(result.lockoutFree()).isTrue();
        assertThat(result.ignoredHeaders()).singleElement()
                .satisfies(ignored -> assertThat(ignored.reason()).contains("no backup pin"));
    }

    @Test
    void aHeaderPinningNothingOfTheChainIsNotNoted() {
        Schedule schedule = one("example.com",
                served(0, 1000, pkp(100000, "other", "backup"), chain("old", "ca")),
                served(1000, -1, null, chain("new")));

        SimulationResult result = simulator.simulate(schedule);

        assertThat(result.lockoutFree()).isTrue();
        assertThat(result.ignoredHeaders()).singleElement()
                .satisfies(ignored -> assertThat(ignored.reason()).contains("no pin matches the validated chain"));
    }

    @Test
    void anIntermediatePinAdmitsAnyLeafUnderIt() {
        Schedule schedule = one("example.com",
                served(0, 1000, pkp(5000, "intermediate", "backup"), chain("leaf1", "intermediate", "root")),
                served(1000, 2000, pkp(5000, "intermediate", "backup"), chain("leaf2", "intermediate", "root")),
                served(2000, -1, pkp(5000, "intermediate", "backup"), chain("leaf3", "other-intermediate", "root")));

        List<Lockout> lockouts = simulator.simulate(schedule).lockouts();

        assertThat(lockouts).singleElement().satisfies(lockout -> {
            assertThat(lockout.chain().leaf()).isEqualTo(pin("leaf3"));
            assertThat(lockout.from()).isEqualTo(at(2000));
            // the two earlier intervals served the same header: one merged window
            assertThat(lockout.cause().servedFrom()).isEqualTo(at(0));
            assertThat(lockout.until()).isEqualTo(at(1999 + 5000));
        });
    }

    @Test
    void aClientMayGetAnyOfSeveralChainsServedSideBySide() {
        Schedule schedule = one("example.com",
                served(0, -1, pkp(5000, "rsa", "backup"), chain("rsa"), chain("ec")));

        List<Lockout> lockouts = simulator.simulate(schedule).lockouts();

        assertThat(lockouts).singleElement().satisfies(lockout -> {
            assertThat(lockout.chain().leaf()).isEqualTo(pin("ec"));
            assertThat(lockout.from()).isEqualTo(at(0));
            assertThat(lockout.until()).isNull();
        });
    }

    @Test
    void aParentHeaderWithIncludeSubDomainsBindsSubdomains() {
        Schedule withSub = new Schedule(List.of(
                new HostTimeline("example.com", List.of(served(0, -1, pkpSub(500, "apex", "backup"), chain("apex")))),
                new HostTimeline("api.example.com", List.of(served(100, -1, null, chain("api"))))));
        Schedule withoutSub = new Schedule(List.of(
                new HostTimeline("example.com", List.of(served(0, -1, pkp(500, "apex", "backup"), chain("apex")))),
                new HostTimeline("api.example.com", List.of(served(100, -1, null, chain("api"))))));

        assertThat(simulator.simulate(withSub).lockouts()).singleElement().satisfies(lockout -> {
            assertThat(lockout.host()).isEqualTo("api.example.com");
            assertThat(lockout.cause().host()).isEqualTo("example.com");
            assertThat(lockout.from()).isEqualTo(at(100));
        });
        assertThat(simulator.simulate(withoutSub).lockoutFree()).isTrue();
    }

    @Test
    void aSubdomainHeaderDoesNotBindItsParentOrSiblings() {
        Schedule schedule = new Schedule(List.of(
                new HostTimeline("example.com", List.of(served(0, -1, null, chain("apex")))),
                new HostTimeline("www.example.com", List.of(served(0, -1, pkpSub(500, "www", "b"), chain("www")))),
                new HostTimeline("api.example.com", List.of(served(0, -1, null, chain("api"))))));

        assertThat(simulator.simulate(schedule).lockoutFree()).isTrue();
    }

    @Test
    void nothingFailsWhileTheHostServesNothing() {
        Schedule schedule = one("example.com",
                served(0, 100, pkp(1000, "old", "backup"), chain("old")),
                served(2000, -1, null, chain("new")));

        assertThat(simulator.simulate(schedule).lockoutFree()).isTrue();
    }

    @Test
    void browsersCapMaxAgeAtSixtyDays() {
        long year = 365L * 86400;
        Schedule schedule = one("example.com",
                served(0, 1000, pkp(year, "old", "backup"), chain("old")),
                served(1000, -1, null, chain("new")));

        Lockout rfc = new LockoutSimulator().simulate(schedule).lockouts().get(0);
        Lockout chrome = LockoutSimulator.forUserAgent(UserAgent.CHROME).simulate(schedule).lockouts().get(0);

        assertThat(rfc.until()).isEqualTo(at(999 + year));
        assertThat(chrome.until()).isEqualTo(at(999 + 60L * 86400));
    }

    @Test
    void earliestSafeSwitchIsTheEndOfTheLastCacheEntryLackingThePin() {
        Schedule history = one("example.com",
                served(0, 1000, pkp(5000, "old", "backup"), chain("old")),
                served(1000, 3000, pkp(300, "old", "next", "backup"), chain("old")));

        StepVerdict next = simulator.earliestSafeSwitch(history, List.of("example.com"), Chain.of(pin("next")), at(3000));
        StepVerdict backup = simulator.earliestSafeSwitch(history, List.of("example.com"), Chain.of(pin("backup")), at(3000));

        // the long max-age header lacked "next": it is the one that decides, not the later short one
        assertThat(next.safeFrom()).isEqualTo(at(999 + 5000));
        assertThat(next.latestBlocker().maxAge()).isEqualTo(5000);
        assertThat(backup.safeFrom()).isEqualTo(at(3000));
        assertThat(backup.blockers()).isEmpty();
    }

    @Test
    void noSafeSwitchWhileAHeaderLackingThePinIsStillServed() {
        Schedule history = one("example.com", served(0, -1, pkp(5000, "old", "backup"), chain("old")));

        StepVerdict answer = simulator.earliestSafeSwitch(history, List.of("example.com"), Chain.of(pin("new")), at(10));

        assertThat(answer.safeFrom()).isNull();
        assertThat(answer.safeAt(at(1_000_000))).isFalse();
        assertThat(answer.pinPublished()).isFalse();
        assertThat(answer.message()).contains("publish its pin first").doesNotContain("--");
    }

    @Test
    void aParentHeaderDelaysTheSwitchOfASubdomain() {
        Schedule history = new Schedule(List.of(
                new HostTimeline("example.com", List.of(served(0, 100, pkpSub(5000, "apex", "b"), chain("apex"))))));

        StepVerdict answer = simulator.earliestSafeSwitch(history, List.of("api.example.com"), Chain.of(pin("api")), at(100));

        assertThat(answer.safeFrom()).isEqualTo(at(99 + 5000));
    }
}
