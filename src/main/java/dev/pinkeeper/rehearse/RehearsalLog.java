package dev.pinkeeper.rehearse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The steps of a rehearsal as they happen: each kept in order and reported to the caller at once. */
final class RehearsalLog {
    private final Consumer<RehearsalStep> progress;
    private final List<RehearsalStep> steps = new ArrayList<>();

    RehearsalLog(Consumer<RehearsalStep> progress) {
        this.progress = progress;
    }

    /** Records one step: what was done at {@code at}, what should have happened, what did, and whether it behaved. */
    void record(String what, Instant at, String expected, String observed, boolean ok) {
        RehearsalStep step = new RehearsalStep(at, what, expected, observed, ok);
        steps.add(step);
        progress.accept(step);
    }

    /** The steps so far, in order. */
    List<RehearsalStep> steps() {
        return List.copyOf(steps);
    }
}
