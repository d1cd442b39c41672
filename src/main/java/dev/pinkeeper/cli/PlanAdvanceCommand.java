package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.StoredPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pinkeeper plan advance} (alias {@code record}): the headers plan show prints are served from now on. */
@Command(name = "advance", aliases = "record", mixinStandardHelpOptions = true,
        description = "Record that the headers and certificates 'plan show' prints are served from --at (default now)."
                + " Refused (exit 1) if serving them would lock a returning visitor out.")
final class PlanAdvanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanSiteOptions options;

    @Mixin
    ForceOption override;

    @Override
    public Integer call() {
        String site = options.site();
        PrintWriter out = spec.commandLine().getOut();
        return PlanCommand.execute(out, () -> {
            PlanService service = options.service();
            StoredPlan before = service.load(site);
            StoredPlan after = service.advance(site, options.at(), override.force);
            out.println(after.version() == before.version()
                    ? "nothing to record: what plan show prints is already recorded as served"
                    : "recorded as served from " + after.written() + " (plan version " + after.version() + ")");
            return ExitCode.OK;
        });
    }
}
