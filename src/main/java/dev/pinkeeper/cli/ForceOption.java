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
        return refusal.overridable() && command.findOption(FLAG) != null ? "To do it anyway use " + FLAG + "." : null;
    }
}
