package dev.pinkeeper.rehearse;

import java.time.Instant;

/**
 * One step of a rehearsal on its timeline.
 *
 * @param at       the simulated time of the step
 * @param what     what was done
 * @param expected what should happen
 * @param observed what happened
 * @param ok       whether it behaved as expected
 */
public record RehearsalStep(Instant at, String what, String expected, String observed, boolean ok) {
}
