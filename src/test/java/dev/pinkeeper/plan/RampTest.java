package dev.pinkeeper.plan;

import static dev.pinkeeper.plan.TestPins.at;
import static dev.pinkeeper.plan.TestPins.chain;
import static dev.pinkeeper.plan.TestPins.pkp;
import static dev.pinkeeper.plan.TestPins.reportOnly;
import static dev.pinkeeper.plan.TestPins.served;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RampTest {
    private static final long DAY = 86400;

    @Test
    void defaultRampGoesFromFiveMinutesToSixtyDays() {
        assertThat(Ramp.DEFAULT.maxAges()).extracting(Duration::getSeconds)
                .containsExactly(300L, DAY, 7 * DAY, 30 * DAY, 60 * DAY);
        assertThat(Ramp.DEFAULT.finalMaxAge()).isEqualTo(60 * DAY);
    }

    @Test
    void timelineTakesEachStepAfterThePreviousWasServedForItsWholeMaxAge() {
        Ramp ramp = new Ramp(Duration.ofDays(7), List.of(Duration.ofSeconds(300), Duration.ofDays(1)));

        List<RampStep> steps = ramp.timeline(at(0));

        assertThat(steps).containsExactly(new RampStep(at(0), null), new RampStep(at(7 * DAY), 300L),
                new RampStep(at(7 * DAY + 300), DAY));
    }

    @Test
    void rampsMustIncrease() {
        assertThatThrownBy(() -> new Ramp(Duration.ZERO, List.of(Duration.ofDays(2), Duration.ofDays(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ramp(Duration.ZERO, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportOnlyStageEndsAfterItsPeriod() {
        HostTimeline timeline = new HostTimeline("example.com", List.of(
                served(0, -1, reportOnly(300, "k", "b"), chain("k"))));

        RampStatus status = Ramp.DEFAULT.status(timeline, at(DAY));

        assertThat(status.reportOnly()).isTrue();
        assertThat(status.nextMaxAge()).isEqualTo(300L);
        assertThat(status.nextAt()).isEqualTo(at(7 * DAY));
        assertThat(status.dueAt(at(DAY))).isFalse();
        assertThat(status.dueAt(at(7 * DAY))).isTrue();
    }

    @Test
    void beforeAnythingIsServedTheWholeRampIsAhead() {
        Ramp ramp = new Ramp(Duration.ofDays(7), List.of(Duration.ofSeconds(300), Duration.ofDays(1)));
        HostTimeline timeline = new HostTimeline("example.com", List.of(
                served(10 * DAY, -1, reportOnly(300, "k", "b"), chain("k"))));

        RampStatus status = ramp.status(timeline, at(DAY));

        assertThat(status.nextMaxAge()).isNull();
        assertThat(ramp.remaining(status)).containsExactly(new RampStep(at(DAY), null),
                new RampStep(at(8 * DAY), 300L), new RampStep(at(8 * DAY + 300), DAY));
    }

    @Test
    void aStageCountsFromTheStartOfItsUnbrokenRunAcrossRenewals() {
        HostTimeline timeline = new HostTimeline("example.com", List.of(
                served(0, 10 * DAY, pkp(DAY, "k", "b"), chain("k")),
                served(10 * DAY, 20 * DAY, pkp(7 * DAY, "k", "b"), chain("k")),
                served(20 * DAY, -1, pkp(7 * DAY, "k", "b"), chain("k", "other-intermediate"))));

        RampStatus status = Ramp.DEFAULT.status(timeline, at(21 * DAY));

        assertThat(status.maxAge()).isEqualTo(7 * DAY);
        assertThat(status.nextMaxAge()).isEqualTo(30 * DAY);
        assertThat(status.nextAt()).isEqualTo(at(17 * DAY));
    }

    @Test
    void aBreakInServingRestartsTheStage() {
        HostTimeline timeline = new HostTimeline("example.com", List.of(
                served(0, 10 * DAY, pkp(7 * DAY, "k", "b"), chain("k")),
                served(11 * DAY, -1, pkp(7 * DAY, "k", "b"), chain("k"))));

        assertThat(Ramp.DEFAULT.status(timeline, at(12 * DAY)).nextAt()).isEqualTo(at(18 * DAY));
    }

    @Test
    void theFinalStageHasNoNextStep() {
        HostTimeline timeline = new HostTimeline("example.com", List.of(
                served(0, -1, pkp(60 * DAY, "k", "b"), chain("k"))));

        RampStatus status = Ramp.DEFAULT.status(timeline, at(100 * DAY));

        assertThat(status.complete()).isTrue();
        assertThat(status.nextAt()).isNull();
    }
}
