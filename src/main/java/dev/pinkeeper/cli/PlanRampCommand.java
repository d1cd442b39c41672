package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.StoredPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pinkeeper plan ramp}: the next max-age step, only once the previous one was served for its whole max-age. */
@Command(name = "ramp", mixinStandardHelpOptions = true,
        description = "Move to the next ramp step (report-only → first max-age → … → final max-age) and record it as"
                + " served from --at; refused (exit 1) before it is allowed, saying when it is.")
final class PlanRampCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanSiteOptions options;

    @Override
    public Integer call() {
        String site = options.site();
        PrintWriter out = spec.commandLine().getOut();
        return PlanCommand.execute(out, () -> {
            PlanService service = options.service();
            StoredPlan plan = service.rampStep(site, options.at());
            out.println("ramp step recorded from " + plan.written() + " (plan version " + plan.version() + "); serve now:");
            service.view(site, plan.written()).headers().forEach(h -> out.println("  " + h));
            out.println("(pinkeeper plan show --site " + site + " prints the server configuration lines)");
            return ExitCode.OK;
        });
    }
}
