package dev.pinkeeper.ops;

import java.util.Map;

/**
 * A systemd unit that failed, as the unit started by its {@code OnFailure=} sees it: the unit's name and what systemd
 * passes about its end in {@code $MONITOR_SERVICE_RESULT}, {@code $MONITOR_EXIT_CODE}, {@code $MONITOR_EXIT_STATUS}
 * and {@code $MONITOR_INVOCATION_ID} (each null when not set).
 *
 * @param unit          the unit that failed
 * @param serviceResult how it ended ({@code exit-code}, {@code signal}, {@code timeout}…)
 * @param exitCode      {@code exited}, {@code killed} or {@code dumped}
 * @param exitStatus    the exit status or signal name
 * @param invocationId  the run's invocation id
 */
public record UnitFailure(String unit, String serviceResult, String exitCode, String exitStatus, String invocationId) {
    /** The failure of {@code unit} as {@code environment} (this process's, under systemd) describes it. */
    public static UnitFailure of(String unit, Map<String, String> environment) {
        return new UnitFailure(unit, environment.get("MONITOR_SERVICE_RESULT"), environment.get("MONITOR_EXIT_CODE"),
                environment.get("MONITOR_EXIT_STATUS"), environment.get("MONITOR_INVOCATION_ID"));
    }

    /**
     * Whether the unit already told the operator itself: a renew unit that exited 1 ran the notify command about
     * its failed sites, so a second notice would only repeat it.
     */
    public boolean notifiedItself() {
        return "exited".equals(exitCode) && "1".equals(exitStatus) && unit.startsWith("pinkeeper-renew");
    }
}
