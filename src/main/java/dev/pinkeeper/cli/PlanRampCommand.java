package dev.pinkeeper.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
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
        PlanService service = options.service();
        StoredPlan plan = service.rampStep(site, options.changeAt(site));
        if (options.json()) {
            ObjectNode root = changed(plan);
            ArrayNode headers = root.putArray("headers");
            service.view(site, plan.written()).headers().forEach(h -> headers.add(h.toString()));
            Json.print(root);
            return ExitCode.OK;
        }
        out.println("ramp step recorded from " + plan.written() + " (plan version " + plan.version() + "); serve now:");
        service.view(site, plan, plan.written()).headers().forEach(h -> out.println("  " + h));
        out.println("(pinkeeper plan show --site " + site + " prints the server configuration lines)");
        return ExitCode.OK;
    }
}
