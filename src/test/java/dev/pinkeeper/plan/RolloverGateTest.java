package dev.pinkeeper.plan;

import static dev.pinkeeper.plan.TestPins.at;
import static dev.pinkeeper.plan.TestPins.chain;
import static dev.pinkeeper.plan.TestPins.one;
import static dev.pinkeeper.plan.TestPins.pin;
import static dev.pinkeeper.plan.TestPins.pkp;
import static dev.pinkeeper.plan.TestPins.reportOnly;
import static dev.pinkeeper.plan.TestPins.served;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RolloverGateTest {
    private static final long DAY = 86400;
    private static final List<String> HOST = List.of("example.com");
    private final RolloverGate gate = new RolloverGate(new LockoutSimulator(), Duration.ofHours(1));

    @Test
    void safeOnceTheNextPinWasInEveryHeaderForTheLongestMaxAgePlusTheMargin() {
        Schedule history = one("example.com",
                served(0, -1, pkp(60 * DAY, "current", "next", "backup"), chain("current")));

        assertThat(gate.check(history, HOST, Chain.of(pin("next")), at(61 * DAY)).safe()).isTrue();
    }

    @Test
    void notSafeUntilTheLastHeaderLackingThePinExpiresNamingItAndTheOverride() {
        Schedule history = one("example.com",
                served(0, 10 * DAY, pkp(60 * DAY, "current", "backup"), chain("current")),
                served(10 * DAY, -1, pkp(60 * DAY, "current", "next", "backup"), chain("current")));

        StepVerdict decision = gate.check(history, HOST, Chain.of(pin("next")), at(20 * DAY));

        assertThat(decision.safe()).isFalse();
        assertThat(decision.waitUntil()).isEqualTo(decision.safeFrom());
        assertThat(decision.pinPublished()).isTrue();
        assertThat(decision.safeFrom()).isEqualTo(at(10 * DAY - 1 + 60 * DAY + 3600));
        assertThat(decision.message())
                .contains("not safe until " + at(10 * DAY - 1 + 60 * DAY + 3600))
                .contains("max-age 60 days")
                .contains("lacked the pin")
                .contains("Switching earlier locks out visitors")
                .doesNotContain("--");
        assertThat(gate.check(history, HOST, Chain.of(pin("next")), decision.safeFrom()).safe()).isTrue();
    }

    @Test
    void loweringMaxAgeLaterDoesNotShortenTheWait() {
        // acmebot compares with today's configured max-age; the caches still hold the old long one
        Schedule history = one("example.com",
                served(0, 10 * DAY, pkp(365 * DAY, "current", "backup"), chain("current")),
                served(10 * DAY, -1, pkp(DAY, "current", "next", "backup"), chain("current")));

        StepVerdict decision = gate.check(history, HOST, Chain.of(pin("next")), at(20 * DAY));

        assertThat(decision.safe()).isFalse();
        assertThat(decision.safeFrom()).isEqualTo(at(10 * DAY - 1 + 365 * DAY + 3600));
    }

    @Test
    void aKeyGeneratedLongAgoButPublishedLateIsNotTrustedEarly() {
        Schedule history = one("example.com",
                served(0, -1, pkp(30 * DAY, "current", "backup"), chain("current")));

        StepVerdict decision = gate.check(history, HOST, Chain.of(pin("next")), at(400 * DAY));

        assertThat(decision.safe()).isFalse();
        assertThat(decision.pinPublished()).isFalse();
        assertThat(decision.safeFrom()).isEqualTo(at(400 * DAY - 1 + 30 * DAY + 3600));
        assertThat(decision.message()).contains("publish the pin now");
    }

    @Test
    void reportOnlyHeadersDoNotDelayARollover() {
        Schedule history = one("example.com",
                served(0, 10 * DAY, reportOnly(60 * DAY, "current", "backup"), chain("current")),
                served(10 * DAY, -1, pkp(DAY, "current", "next", "backup"), chain("current")));

        assertThat(gate.check(history, HOST, Chain.of(pin("next")), at(12 * DAY)).safe()).isTrue();
    }

    @Test
    void anEmptyHistoryIsSafeAndPinningAServedIntermediateCountsForTheChain() {
        assertThat(gate.check(Schedule.empty(), HOST, Chain.of(pin("k")), at(0)).safe()).isTrue();

        Schedule history = one("example.com",
                served(0, -1, pkp(60 * DAY, "intermediate", "other-ca"), chain("leaf", "intermediate")));
        assertThat(gate.check(history, HOST, chain("new-leaf", "intermediate"), at(DAY)).safe()).isTrue();
        assertThat(gate.check(history, HOST, chain("new-leaf", "new-intermediate"), at(DAY)).safe()).isFalse();
    }

    @Test
    void emergencyPromotionOfABackupPinnedFromTheStartIsSafeImmediately() {
        Schedule history = one("example.com",
                served(0, -1, pkp(60 * DAY, "current", "next", "backup"), chain("current")));

        StepVerdict decision = gate.checkEmergency(history, HOST, Chain.of(pin("backup")), at(5 * DAY));

        assertThat(decision.safe()).isTrue();
        assertThat(decision.waitUntil()).isNull();
        assertThat(decision.blockers()).isEmpty();
    }

    @Test
    void emergencyPromotionOfAFreshBackupIsRefusedWithoutMargin() {
        Schedule history = one("example.com",
                served(0, 5 * DAY, pkp(60 * DAY, "current", "backup"), chain("current")),
                served(5 * DAY, -1, pkp(60 * DAY, "current", "backup", "fresh"), chain("current")));

        StepVerdict decision = gate.checkEmergency(history, HOST, Chain.of(pin("fresh")), at(6 * DAY));

        assertThat(decision.safe()).isFalse();
        assertThat(decision.safeFrom()).isEqualTo(at(5 * DAY - 1 + 60 * DAY));
        assertThat(decision.message()).contains("emergency promotion").contains("Switching earlier locks out visitors")
                .doesNotContain("--");
        // a deployment is checked the same way, and said as serving the key
        StepVerdict serving = gate.checkServing(history, HOST, Chain.of(pin("fresh")), at(6 * DAY));
        assertThat(serving.safe()).isFalse();
        assertThat(serving.safeFrom()).isEqualTo(decision.safeFrom());
        assertThat(serving.message()).startsWith("serving ").doesNotContain("emergency").doesNotContain("rollover");
    }
}
