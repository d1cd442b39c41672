package dev.pinkeeper.plan.site;

import java.util.List;

/**
 * What {@code plan set} did ({@link PlanService#changeSettings}).
 *
 * @param stored  the plan version written, or the live one when nothing changed
 * @param before  the settings before
 * @param after   the settings from now on
 * @param changes one line per setting changed ({@code report-uri: … -> …}); empty when nothing changed
 * @param notes   what the operator should know about the change (how long cached headers keep the old
 *                directives, that a deployment serves the new headers)
 */
public record SettingsChange(StoredPlan stored, PlanSettings before, PlanSettings after, List<String> changes,
                             List<String> notes) {
    public SettingsChange {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    /** Whether a new plan version was written. */
    public boolean changed() {
        return !changes.isEmpty();
    }
}
