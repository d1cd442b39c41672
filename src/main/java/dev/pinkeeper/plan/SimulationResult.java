package dev.pinkeeper.plan;

import java.util.List;

/**
 * What {@link LockoutSimulator#simulate} found: the failure windows (empty means it proved that no
 * client is locked out), and headers that no client notes.
 *
 * @param lockouts        failure windows, by host then time
 * @param ignoredHeaders  enforcing headers no client notes (harmless for lockouts, useless for pinning)
 * @param headersChecked  enforcing headers checked against every chain served while they live
 */
public record SimulationResult(List<Lockout> lockouts, List<IgnoredHeader> ignoredHeaders, int headersChecked) {
    public SimulationResult {
        lockouts = List.copyOf(lockouts);
        ignoredHeaders = List.copyOf(ignoredHeaders);
    }

    /** Whether no client is ever locked out. */
    public boolean lockoutFree() {
        return lockouts.isEmpty();
    }
}
