package dev.pinkeeper.status;

import java.util.List;

import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.error.Remedy.Operation;

/**
 * Something about a site the operator should know.
 *
 * @param kind    what it is about
 * @param subject the key, certificate or release it is about, or null for the site
 * @param message one line saying what it is and what happens next
 */
public record StatusWarning(Kind kind, String subject, String message) {
    /** The kinds of warning; {@link #needsOperator} says which need someone to act. */
    public enum Kind {
        /** a backup key's private half is still on this server: export it offline */
        BACKUP_ONLINE(true),
        /** the site has no plan: nothing is pinned */
        NO_PLAN(true),
        /** the plan's headers differ from the ones recorded as served: deploy */
        NOT_DEPLOYED(true),
        /** a current key has no certificate, or its certificate expires soon or has expired */
        CERTIFICATE(true),
        /** the last renewal failed */
        RENEW_FAILED(true),
        /** the server does not serve the live release (or could not be reached) */
        SERVER_DOES_NOT_FOLLOW(true),
        /** a rollover is due, but the gate waits until a cached header without the next key's pin expires */
        ROLLOVER_WAITING(false),
        /** the plan is retired and winding down */
        RETIRING(false),
        /** advice about the plan's policy (one backup only, …) */
        ADVICE(false);

        private final boolean needsOperator;

        Kind(boolean needsOperator) {
            this.needsOperator = needsOperator;
        }
    }

    /**
     * What fixes it on {@code site}, as data, in the order to offer them (empty: nothing to run, it passes with
     * time or is advice): export the backup offline; deploy, or renew every site; create the plan; renew every
     * site, or issue for this one.
     */
    public List<Remedy.Run> remedies(String site) {
        return switch (kind) {
            case BACKUP_ONLINE -> List.of(new Remedy.Run(Operation.KEYS_BACKUP_EXPORT, site, subject));
            case NOT_DEPLOYED -> List.of(new Remedy.Run(Operation.DEPLOY, site), new Remedy.Run(Operation.RENEW, null));
            case NO_PLAN -> List.of(new Remedy.Run(Operation.PLAN_INIT, site));
            case CERTIFICATE -> List.of(new Remedy.Run(Operation.RENEW, null), new Remedy.Run(Operation.ISSUE, site));
            default -> List.of();
        };
    }

    /** Whether someone must act (exit 1 of {@code pinkeeper status}). */
    public boolean needsOperator() {
        return kind.needsOperator;
    }
}
