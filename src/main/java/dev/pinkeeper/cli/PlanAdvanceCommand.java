package dev.pinkeeper.cli;

import java.io.PrintWriter;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.Advance;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.StoredPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pinkeeper plan advance} (alias {@code record}): the headers plan show prints are served from now on. */
@Command(name = "advance", aliases = "record", mixinStandardHelpOptions = true,
        header = "Record that the headers and certificates 'plan show' prints are served, unless that would lock a visitor out.",
        description = "Record that the headers and certificates 'plan show' prints are served from --at (default now)."
                + " Refused (exit 1) if serving them would lock a returning visitor out.")
final class PlanAdvanceCommand extends PlanSubcommand {
    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    ForceOption override;

    @Override
    int run(String site, PrintWriter out) throws InventoryException, PlanException, RefusedStepException {
        Advance advance = options.service().advanceStep(site, options.changeAt(site), override.force);
        StoredPlan after = advance.plan();
        if (options.json()) {
            Json.print(PlanChangeDocument.advanced(after, advance.recorded()));
            return ExitCode.OK;
        }
        out.println(!advance.recorded()
                ? "nothing to record: what plan show prints is already recorded as served"
                : "recorded as served from " + after.written() + " (plan version " + after.version() + ")");
        return ExitCode.OK;
    }
}
