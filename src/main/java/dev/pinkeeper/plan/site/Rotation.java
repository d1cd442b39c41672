package dev.pinkeeper.plan.site;

import java.time.Instant;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.plan.StepVerdict;

/**
 * When a current key is due to be rolled over to its next key ({@link PlanSettings#keyLifetime}),
 * and whether the rollover gate allows it now: what {@code pinkeeper renew} acts on.
 *
 * @param current     the current key
 * @param servedSince since when its chain has been served without a break (from the history), or
 *                    null while it is not served
 * @param dueAt       {@code servedSince} plus the key lifetime, or null (no lifetime set, or not served)
 * @param next        the next key's outlook: since when its pin is published, and the gate's answer
 */
public record Rotation(KeyEntry current, Instant servedSince, Instant dueAt, KeyOutlook next) {
    /** Whether the key lifetime is over at {@code at}. */
    public boolean dueAt(Instant at) {
        return dueAt != null && !at.isBefore(dueAt);
    }

    /** Whether the rollover gate lets the next key become current now. */
    public boolean safe() {
        return next.decision() != null && next.decision().safe();
    }

    /**
     * When the rollover becomes safe: the gate's instant (as things are served, or, while the pin is not
     * published yet, if it is published now), or null when it is safe now.
     */
    public Instant waitUntil() {
        StepVerdict decision = next.decision();
        return decision == null ? null : decision.waitUntil();
    }

    /** One line for the operator: due or not, and what it waits for. */
    public String describe(Instant at) {
        if (!dueAt(at)) {
            return dueAt == null ? "key " + current.id() + " is not rolled over by itself"
                    : "rollover of key " + current.id() + " due from " + dueAt;
        }
        if (safe()) {
            return "rollover of key " + current.id() + " to " + next.key().id() + " due since " + dueAt + " and safe";
        }
        return "rollover due, waiting until " + waitUntil() + " (pin published since "
                + (next.publishedSince() == null ? "never: deploy to publish it" : next.publishedSince()) + ")";
    }
}
