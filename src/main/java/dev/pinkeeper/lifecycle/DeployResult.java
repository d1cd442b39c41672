package dev.pinkeeper.lifecycle;

import java.util.List;

import dev.pinkeeper.error.Remedy;

/**
 * What one deployment did.
 *
 * @param status  how it ended
 * @param release the release directory's name, or null when none was written (or the refused one was removed)
 * @param message one line for the operator (why it was refused or failed, or what is served now)
 * @param steps   what was done, in order
 * @param remedy  what the operator can do about a refusal or failure, or null
 */
public record DeployResult(Status status, String release, String message, List<String> steps, Remedy remedy) {
    /** How a deployment ended. */
    public enum Status {
        /** the new release is live and the server was reloaded */
        DEPLOYED,
        /**
         * the content is what the server already serves: the live release held the same files (no new
         * release was written) or the server had read them at its last reload; no reload
         */
        UNCHANGED,
        /**
         * the release is live and passed the server's config test, but the server does not run (a first
         * deployment, before the server can start): nothing was reloaded; the message says how to start it
         */
        READY,
        /** a check refused the release before anything changed for the server (unsafe, invalid) */
        REFUSED,
        /** the reload or the post-reload check failed; the previous release was put back (or could not be) */
        FAILED
    }

    public DeployResult {
        steps = List.copyOf(steps);
    }

    /** A result without a remedy. */
    public DeployResult(Status status, String release, String message, List<String> steps) {
        this(status, release, message, steps, null);
    }

    /** Whether the release is live (served, or served once the server starts). */
    public boolean live() {
        return status == Status.DEPLOYED || status == Status.UNCHANGED || status == Status.READY;
    }
}
