package dev.pinkeeper.plan.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.pinkeeper.plan.HostTimeline;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.ServedPeriod;

/** Checks that recorded histories only grow: what was recorded is never rewritten. */
final class HistoryChecks {
    private HistoryChecks() {
    }

    /** {@code later} keeps every interval of {@code earlier}; only the open last one may have been ended. */
    static void extendsHistory(Schedule earlier, Schedule later) {
        for (HostTimeline timeline : earlier.hosts()) {
            List<ServedPeriod> before = timeline.intervals();
            List<ServedPeriod> after = later.timeline(timeline.host()).orElseThrow().intervals();
            assertThat(after.size()).isGreaterThanOrEqualTo(before.size());
            for (int i = 0; i < before.size(); i++) {
                ServedPeriod old = before.get(i);
                ServedPeriod now = after.get(i);
                if (old.open() && !now.open()) {
                    assertThat(now.endingAt(now.until())).isEqualTo(now);
                    assertThat(old.endingAt(now.until())).isEqualTo(now);
                } else {
                    assertThat(now).isEqualTo(old);
                }
            }
        }
    }

    /** Every stored version of a site extends the one before it. */
    static void versionsOnlyGrow(List<StoredPlan> versions) {
        for (int i = 1; i < versions.size(); i++) {
            assertThat(versions.get(i).version()).isGreaterThan(versions.get(i - 1).version());
        }
    }
}
