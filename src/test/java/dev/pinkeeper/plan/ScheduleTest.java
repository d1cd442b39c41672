package dev.pinkeeper.plan;

import static dev.pinkeeper.plan.TestPins.at;
import static dev.pinkeeper.plan.TestPins.chain;
import static dev.pinkeeper.plan.TestPins.one;
import static dev.pinkeeper.plan.TestPins.served;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void thenEndsTheOpenIntervalAndReplacesWhatWasPlannedAfter() {
        Schedule schedule = one("example.com", served(0, 100, null, chain("a")), served(100, 300, null, chain("b")),
                served(300, -1, null, chain("c")));

        Schedule next = schedule.then("EXAMPLE.com.", served(200, -1, null, chain("d")));

        List<ServedPeriod> intervals = next.timeline("example.com").orElseThrow().intervals();
        assertThat(intervals).hasSize(3);
        assertThat(intervals.get(1).until()).isEqualTo(at(200));
        assertThat(intervals.get(2).chains().get(0).leaf()).isEqualTo(TestPins.pin("d"));
        assertThat(next.then("www.example.com", served(0, -1, null, chain("w"))).hostNames())
                .containsExactly("example.com", "www.example.com");
    }

    @Test
    void untilCutsTheSchedule() {
        Schedule schedule = one("example.com", served(0, 100, null, chain("a")), served(100, -1, null, chain("b")));

        Schedule cut = schedule.until(at(50));

        assertThat(cut.timeline("example.com").orElseThrow().intervals()).singleElement()
                .satisfies(s -> assertThat(s.until()).isEqualTo(at(50)));
        assertThat(schedule.lastChange()).isEqualTo(at(100));
    }

    @Test
    void overlapsDuplicatesAndBadNamesAreRefused() {
        assertThatThrownBy(() -> one("example.com", served(0, 100, null, chain("a")), served(50, -1, null, chain("b"))))
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> new Schedule(List.of(new HostTimeline("a.example", List.of()),
                new HostTimeline("A.example", List.of())))).hasMessageContaining("twice");
        assertThatThrownBy(() -> new HostTimeline("a..example", List.of())).hasMessageContaining("not a host name");
    }

    @Test
    void subdomainsAreStrictAndLabelAligned() {
        assertThat(HostTimeline.isSubdomain("api.example.com", "example.com")).isTrue();
        assertThat(HostTimeline.isSubdomain("a.b.example.com", "example.com")).isTrue();
        assertThat(HostTimeline.isSubdomain("badexample.com", "example.com")).isFalse();
        assertThat(HostTimeline.isSubdomain("example.com", "example.com")).isFalse();
    }
}
