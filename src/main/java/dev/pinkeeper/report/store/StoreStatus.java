package dev.pinkeeper.report.store;

/**
 * Whether acknowledged reports reach the store, as the collector's {@code /health} and metrics show it.
 *
 * @param up             the last attempt to store succeeded (or there was nothing to store)
 * @param stalled        reports wait, and none was stored for longer than the stall limit: the store
 *                       fails, or a call into it does not return
 * @param damaged        the database says its files are damaged: only a repair helps
 * @param pending        reports acknowledged but not stored yet (they are safe in the journal)
 * @param stalledSeconds how long reports have waited without one being stored (0 while it keeps up)
 * @param reason         the last failure in one line, or null while up
 */
public record StoreStatus(boolean up, boolean stalled, boolean damaged, long pending, long stalledSeconds, String reason) {
    /** Whether reports reach the store. */
    public boolean healthy() {
        return up && !stalled;
    }

    /** One line for an operator: {@code ok, 0 reports pending} or what is wrong. */
    public String describe() {
        if (healthy()) {
            return "ok, " + pending + " reports pending";
        }
        StringBuilder line = new StringBuilder(damaged ? "report store damaged" : stalled ? "report store stalled" : "report store down");
        line.append(": ").append(pending).append(" reports wait in the journal");
        if (stalledSeconds > 0) {
            line.append(", none stored for ").append(OutageLog.age(stalledSeconds * 1_000_000_000L));
        }
        if (reason != null) {
            line.append(": ").append(reason);
        }
        if (damaged) {
            line.append(" (stop the collector and repair the store)");
        }
        return line.toString();
    }
}
