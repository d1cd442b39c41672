package dev.pinkeeper.cli;

import dev.pinkeeper.plan.RolloverGate;
import picocli.CommandLine.Option;

/** The {@value RolloverGate#OVERRIDE_FLAG} override of the plan commands that can lock visitors out. */
final class ForceOption {
    @Option(names = RolloverGate.OVERRIDE_FLAG,
            description = "Do it even though visitors who cached an older header may be locked out until it expires.")
    boolean force;
}
