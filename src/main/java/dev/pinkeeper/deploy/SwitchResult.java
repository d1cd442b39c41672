package dev.pinkeeper.deploy;

import java.util.List;
import java.util.Optional;

/**
 * What {@link ReleaseSwitch#switchTo} or {@link ReleaseSwitch#deploy} did.
 *
 * @param outcome  how it ended
 * @param release  the release that was to go live; null when {@link ReleaseSwitch#deploy} refused and left no
 *                 release (none written, or the rejected one removed)
 * @param previous the release that was live before, if any
 * @param reloaded whether the server was reloaded (at least once)
 * @param reason   why it did not switch, or null
 * @param steps    what was done, in order, for a log or a report
 */
public record SwitchResult(Outcome outcome, Release release, Optional<Release> previous, boolean reloaded,
        String reason, List<String> steps) {
    /** How a switch ended. */
    public enum Outcome {
        /** the release is live and the server serves it */
        SWITCHED,
        /** the release is live; it holds what the server already read, so the server was not reloaded */
        UNCHANGED,
        /**
         * the release is live and passed the server's config test, but the server does not run: nothing was
         * reloaded or probed; the server serves the release once started ({@link SwitchResult#reason} says how)
         */
        NOT_RUNNING,
        /** a check or the server's config test failed before any reload: nothing changed for the server */
        REJECTED,
        /** the reload or the post-reload check failed: the previous release is live and served again */
        ROLLED_BACK,
        /** the previous release was put back but the server could not be reloaded or verified with it */
        ROLLBACK_FAILED
    }

    public SwitchResult {
        steps = List.copyOf(steps);
    }

    /** Whether the release is live (switched, unchanged, or waiting for the server to start). */
    public boolean live() {
        return outcome == Outcome.SWITCHED || outcome == Outcome.UNCHANGED || outcome == Outcome.NOT_RUNNING;
    }
}
