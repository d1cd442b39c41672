package dev.pinkeeper.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@link UnitFailure}: what systemd passes about a failed unit, and when the unit told the operator itself. */
class UnitFailureTest {
    @Test
    void readsWhatSystemdPasses() {
        UnitFailure failure = UnitFailure.of("pinkeeper-renew.service", Map.of("MONITOR_SERVICE_RESULT", "signal",
                "MONITOR_EXIT_CODE", "killed", "MONITOR_EXIT_STATUS", "KILL", "MONITOR_INVOCATION_ID", "abc"));
        assertThat(failure).isEqualTo(new UnitFailure("pinkeeper-renew.service", "signal", "killed", "KILL", "abc"));
        assertThat(UnitFailure.of("x.service", Map.of()))
                .isEqualTo(new UnitFailure("x.service", null, null, null, null));
    }

    @Test
    void onlyARenewThatExited1HasNotifiedItself() {
        Map<String, String> exited1 = Map.of("MONITOR_EXIT_CODE", "exited", "MONITOR_EXIT_STATUS", "1");
        assertThat(UnitFailure.of("pinkeeper-renew.service", exited1).notifiedItself()).isTrue();
        assertThat(UnitFailure.of("pinkeeper-collector.service", exited1).notifiedItself()).isFalse();
        assertThat(UnitFailure.of("pinkeeper-renew.service", Map.of("MONITOR_EXIT_CODE", "exited",
                "MONITOR_EXIT_STATUS", "2")).notifiedItself()).isFalse();
        assertThat(UnitFailure.of("pinkeeper-renew.service", Map.of("MONITOR_EXIT_CODE", "killed",
                "MONITOR_EXIT_STATUS", "1")).notifiedItself()).isFalse();
    }
}
