package dev.pinkeeper.plan;

import static dev.pinkeeper.plan.TestPins.pin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.pin.PkpHeader;

class PlanTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<String> HOSTS = List.of("example.com", "www.example.com");

    private static Plan start() {
        PinPolicy policy = PinPolicy.ofKeys(List.of(
                new PinnedKey(pin("current"), KeyRole.CURRENT, "RSA"),
                new PinnedKey(pin("next"), KeyRole.NEXT, "RSA"),
                new PinnedKey(pin("backup-rsa"), KeyRole.BACKUP, "RSA"),
                new PinnedKey(pin("backup-ec"), KeyRole.BACKUP, "EC")));
        return Plan.start(policy, HOSTS, List.of(pin("R10")), START);
    }

    /** Takes every ramp step as soon as it is allowed. */
    private static Plan ramped() throws RefusedStepException {
        Plan plan = start();
        while (plan.rampStatus().nextAt() != null) {
            plan = plan.advance(Duration.between(plan.now(), plan.rampStatus().nextAt())).rampStep();
        }
        return plan;
    }

    @Test
    void startsReportOnlyOnEveryHostWithTheWholePinSet() {
        Plan plan = start();

        assertThat(plan.servedHeaders()).singleElement().satisfies(header -> {
            assertThat(header.reportOnly()).isTrue();
            assertThat(header.pins()).containsExactly(pin("current"), pin("next"), pin("backup-rsa"), pin("backup-ec"));
        });
        assertThat(plan.history().hostNames()).containsExactlyElementsOf(HOSTS);
        assertThat(plan.upcomingSteps()).extracting(RampStep::maxAge)
                .containsExactly(300L, 86400L, 7 * 86400L, 30 * 86400L, 60 * 86400L);
        assertThat(plan.upcomingSteps().get(0).at()).isEqualTo(START.plus(Duration.ofDays(7)));
    }

    @Test
    void rampStepsAreRefusedBeforeTheyAreDue() throws Exception {
        Plan plan = start().advance(Duration.ofDays(6));

        assertThatThrownBy(plan::rampStep).isInstanceOf(RefusedStepException.class)
                .satisfies(e -> assertThat(((RefusedStepException) e).allowedFrom())
                        .isEqualTo(START.plus(Duration.ofDays(7))));
        Plan enforced = plan.advance(Duration.ofDays(1)).rampStep();
        assertThat(enforced.servedHeaders().get(0).maxAge()).isEqualTo(300);
        assertThat(enforced.servedHeaders().get(0).reportOnly()).isFalse();
    }

    @Test
    void theFullRampTakesTheSumOfItsStagesAndEndsAtSixtyDays() throws Exception {
        Plan plan = ramped();

        assertThat(plan.now()).isEqualTo(START.plus(Duration.ofDays(7 + 1 + 7 + 30)).plusSeconds(300));
        assertThat(plan.servedHeaders().get(0).maxAge()).isEqualTo(60 * 86400L);
        assertThat(plan.rampStatus().complete()).isTrue();
        assertThatThrownBy(plan::rampStep).hasMessageContaining("complete");
    }

    @Test
    void rolloverPromotesTheNextKeyAndPublishesANewOne() throws Exception {
        Plan plan = ramped().advance(Duration.ofDays(2));

        Plan rolled = plan.rollover(pin("current"), pin("next"), new PinnedKey(pin("next2"), KeyRole.NEXT, "EC"), false);

        PkpHeader header = rolled.servedHeaders().get(0);
        assertThat(header.pins()).containsExactly(pin("next"), pin("next2"), pin("backup-rsa"), pin("backup-ec"));
        assertThat(header.maxAge()).isEqualTo(60 * 86400L);
        assertThat(rolled.policy().keys(KeyRole.CURRENT)).extracting(PinnedKey::pin).containsExactly(pin("next"));
        ServedPeriod served = rolled.history().timeline("www.example.com").orElseThrow().intervals().get(
                rolled.history().timeline("www.example.com").orElseThrow().intervals().size() - 1);
        assertThat(served.chains()).singleElement().satisfies(c -> assertThat(c.pins()).containsExactly(pin("next"), pin("R10")));
        assertThat(new LockoutSimulator().simulate(rolled.history()).lockoutFree()).isTrue();
    }

    @Test
    void promotingABackupReplacesItAndLocksNobodyOut() throws Exception {
        Plan plan = ramped().advance(Duration.ofDays(1));

        Plan promoted = plan.promoteBackup(pin("current"), pin("backup-ec"),
                new PinnedKey(pin("backup-ec-2"), KeyRole.BACKUP, "EC"), false);

        assertThat(promoted.policy().keys(KeyRole.BACKUP)).extracting(PinnedKey::pin)
                .containsExactly(pin("backup-rsa"), pin("backup-ec-2"));
        assertThat(promoted.servedHeaders().get(0).pins()).doesNotContain(pin("current")).contains(pin("backup-ec"));
        assertThat(new LockoutSimulator().simulate(promoted.history()).lockoutFree()).isTrue();
    }

    @Test
    void renewalFromAnotherIntermediateKeepsTheKeyAndIsSafe() throws Exception {
        Plan renewed = ramped().advance(Duration.ofDays(30)).renew(List.of(pin("R11")));

        assertThat(renewed.issuerPins()).containsExactly(pin("R11"));
        assertThat(new LockoutSimulator().simulate(renewed.history()).lockoutFree()).isTrue();
    }

    @Test
    void unknownKeysAreRejected() {
        Plan plan = start();

        assertThatThrownBy(() -> plan.rollover(pin("next"), pin("current"), new PinnedKey(pin("x"), KeyRole.NEXT, null), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a next key");
    }
}
