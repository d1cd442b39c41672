package dev.pinkeeper.lifecycle;

import java.time.Instant;
import java.util.Locale;

/**
 * One thing that happened to a site's certificates, as it happened: what a log line, a hook or an
 * alert is made of. The library emits them to a {@link LifecycleLog}; how they are printed (or not) is
 * the caller's choice.
 *
 * @param time    when it happened (this machine's clock, not a simulated one)
 * @param action  what happened
 * @param level   how much it matters ({@link Action#level} unless the emitter knows better)
 * @param site    the site, or null for an event about no one site
 * @param message one line for the operator: what, which key or release, why
 */
public record LifecycleEvent(Instant time, Action action, Level level, String site, String message) {
    /** How much an event matters, lowest first. */
    public enum Level {
        /** a step inside an action (a check passed, a file written) */
        DEBUG,
        /** an action done, or nothing to do */
        INFO,
        /** nothing failed, but someone should look (a rollover that waits too long) */
        WARNING,
        /** an action refused or failed */
        ERROR
    }

    /** What happened. */
    public enum Action {
        /** a certificate was issued for a key that had none */
        ISSUED(Level.INFO),
        /** a certificate was issued again for a key that had one (same key) */
        RENEWED(Level.INFO),
        /** a current key was rolled over to its next key */
        ROLLED_OVER(Level.INFO),
        /** the plan's next ramp step (a longer max-age) is served */
        RAMP_STEP(Level.INFO),
        /** a new release is live */
        DEPLOYED(Level.INFO),
        /** the server was reloaded to serve the new release */
        RELOADED(Level.INFO),
        /** the release is live but the server does not run yet */
        READY(Level.INFO),
        /** the content was already served: no new release, no reload */
        UNCHANGED(Level.INFO),
        /** nothing was due */
        NOTHING_DUE(Level.INFO),
        /** something is due but not safe yet: nothing changed, the site waits */
        WAITING(Level.INFO),
        /** a step of an action (deployment checks, reload, probe) */
        STEP(Level.DEBUG),
        /** a hook or the notify command ran */
        HOOK(Level.INFO),
        /** a check refused the action before anything changed */
        REFUSED(Level.ERROR),
        /** the action failed; what was served before is served */
        FAILED(Level.ERROR);

        private final Level level;

        Action(Level level) {
            this.level = level;
        }

        /** The level an event of this action has unless its emitter says otherwise. */
        public Level level() {
            return level;
        }

        /** The action's name in lower case with hyphens ({@code rolled-over}), as printed. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** An event of {@code action} at its usual level, happening now. */
    public static LifecycleEvent of(Action action, String site, String message) {
        return new LifecycleEvent(Instant.now(), action, action.level(), site, message);
    }

    /** This event at {@code level}. */
    public LifecycleEvent at(Level level) {
        return new LifecycleEvent(time, action, level, site, message);
    }
}
