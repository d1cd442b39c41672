package dev.pinkeeper.error;

import java.time.Instant;
import java.util.Objects;

/**
 * What the operator can do about a failure, as data: the library names the operation, the input or the
 * time, and each caller spells it in its own words (the command line in its commands and flags).
 */
public sealed interface Remedy {
    /** An operation the operator can run on a site. */
    enum Operation {
        /** Create the site's keys (needs the site's domain names). */
        KEYS_INIT,
        /** List the site's keys. */
        KEYS_LIST,
        /** Make a CSR for the site's current key. */
        KEYS_CSR,
        /** Restore an offline backup key of the site. */
        KEYS_BACKUP_RESTORE,
        /** Export a backup key of the site offline (its private half then leaves this server). */
        KEYS_BACKUP_EXPORT,
        /** Create the site's pin plan. */
        PLAN_INIT,
        /** Show the site's pin plan and the header to serve. */
        PLAN_SHOW,
        /** Advance the site's plan to its next stage. */
        PLAN_ADVANCE,
        /** Issue a certificate for the site's current key. */
        ISSUE,
        /** Deploy a certificate issued by another client. */
        DEPLOY,
        /** Renew the certificates that are due (of every site when no site is named). */
        RENEW
    }

    /** An input the operator can give (again, or otherwise) to the same operation. */
    enum Input {
        /** The passphrase of an encrypted private key or backup. */
        PASSPHRASE,
        /** The folder written to: another one, since nothing is overwritten. */
        OUTPUT_FOLDER,
        /** The address to connect to, so that the host name visitors use can be checked. */
        CONNECT_ADDRESS
    }

    /** Run {@code operation} on {@code site} (null: no site) first, on its key {@code key} (null: no key named). */
    record Run(Operation operation, String site, String key) implements Remedy {
        public Run {
            Objects.requireNonNull(operation, "operation");
        }

        /** Run {@code operation} on {@code site}, no key named. */
        public Run(Operation operation, String site) {
            this(operation, site, null);
        }
    }

    /** Wait: the same operation is allowed from {@code from}. */
    record WaitUntil(Instant from) implements Remedy {
        public WaitUntil {
            Objects.requireNonNull(from, "from");
        }
    }

    /** The same operation, forced, does it anyway (at the risk the refusal names). */
    record Force() implements Remedy {
    }

    /** Give {@code input} to the same operation. */
    record Give(Input input) implements Remedy {
        public Give {
            Objects.requireNonNull(input, "input");
        }
    }

    /** Run {@code operation} on {@code site}. */
    static Remedy run(Operation operation, String site) {
        return new Run(operation, site);
    }

    /** Give {@code input}. */
    static Remedy give(Input input) {
        return new Give(input);
    }
}
