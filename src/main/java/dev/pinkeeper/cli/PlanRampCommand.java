package dev.pinkeeper.cli;

import java.io.PrintWriter;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.RampChange;
import dev.pinkeeper.plan.site.StoredPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pinkeeper plan ramp}: the next max-age step, only once the previous one was served for its whole max-age. */
@Command(name = "ramp", mixinStandardHelpOptions = true,
        description = "Move to the next ramp step (report-only → first max-age → … → final max-age) and record it as"
                + " served from --at; refused (exit 1) before it is allowed, saying when it is.")
final class PlanRampCommand extends PlanSubcommand {
    @Mixin
    DryRunOption dryRunOption;

    @Override
    int run(String site, PrintWriter out) throws InventoryException, PlanException, RefusedStepException {
        RampChange ramp = options.service().ramp(site, options.changeAt(site));
        StoredPlan plan = ramp.plan();
        if (options.json()) {
            Json.print(PlanChangeDocument.ramped(plan, ramp.headers()));
            return ExitCode.OK;
        }
        out.println("ramp step recorded from " + plan.written() + " (plan version " + plan.version() + "); serve now:");
        ramp.headers().forEach(h -> out.println("  " + h));
        out.println("(pinkeeper plan show --site " + site + " prints the server configuration lines)");
        return ExitCode.OK;
    }
}
