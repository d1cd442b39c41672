package dev.pinkeeper.cli.options;

import java.time.Instant;

import dev.pinkeeper.keys.KeyInventory;
import picocli.CommandLine.Option;

/**
 * {@code --at TIME}: the moment a command acts at or looks at (default: now), read one way
 * ({@link Times}) and checked as the command needs it.
 */
public final class AtOption {
    /** The flag. */
    public static final String FLAG = "--at";

    @Option(names = FLAG, paramLabel = "ISO-8601",
            description = "The moment to act or look at (default: now), e.g. 2027-01-31T12:00:00Z; a date is its"
                    + " midnight UTC. A change may be at most a few minutes ahead of this machine's clock, unless the"
                    + " site runs on a simulated clock (pinkeeper keys init --simulated-clock).")
    String at;

    /** Whether the option was given. */
    public boolean given() {
        return at != null;
    }

    /** The time given, else now. */
    public Instant instant() {
        return Times.parse(FLAG, at);
    }

    /** The time given (else now), cut to the whole second ({@link Times#seconds}). */
    public Instant seconds() {
        return Times.seconds(FLAG, at);
    }

    /** The time given (else now), which must be one a plan records. */
    public Instant inPlanRange() {
        return Times.inPlanRange(FLAG, at);
    }

    /** The time a change of {@code site} is recorded at: {@link Times#change}. */
    public Instant change(KeyInventory inventory, String site, boolean asGiven) {
        return Times.change(FLAG, at, inventory, site, asGiven);
    }
}
