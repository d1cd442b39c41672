package dev.pinkeeper.cli;

import dev.pinkeeper.plan.RefusedStepException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@value #FLAG} override of the plan commands that can lock visitors out: the CLI's spelling of
 * the library's {@code force} argument ({@link RefusedStepException#overridable}).
 */
final class ForceOption {
    /** The flag. */
    static final String FLAG = "--force-unsafe-rollover";

    @Option(names = FLAG,
            description = "Do it even though visitors who cached an older header may be locked out until it expires.")
    boolean force;

    /**
     * The line that tells how to do a refused step anyway, or null: only when the refusal can be forced
     * and {@code command} takes {@value #FLAG}.
     */
    static String remedy(RefusedStepException refusal, CommandSpec command) {
        String phrase = refusal.overridable() ? phrase(command) : null;
        return phrase == null ? null : "T" + phrase.substring(1) + ".";
    }

    /** The phrase that tells how to force a step, or null when {@code command} does not take {@value #FLAG}. */
    static String phrase(CommandSpec command) {
        return command != null && command.findOption(FLAG) != null ? "to do it anyway use " + FLAG : null;
    }
}
