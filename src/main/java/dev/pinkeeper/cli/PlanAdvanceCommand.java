package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.StoredPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = RolloverGate.OVERRIDE_FLAG, description = "Record it even if it locks visitors out.")
    boolean force;

    @Override
    public Integer call() {
        String site = options.site();
        PrintWriter out = spec.commandLine().getOut();
        StoredPlan before;
        StoredPlan after;
        try {
            before = options.service().load(site);
            after = options.service().advance(site, options.at(), force);
        } catch (RefusedStepException e) {
            return PlanCommand.refused(e, out);
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } catch (PlanException e) {
            throw PlanCommand.failure(e);
        }
        if (after.version() == before.version()) {
            out.println("nothing to record: what plan show prints is already recorded as served");
        } else {
            out.println("recorded as served from " + after.written() + " (plan version " + after.version() + ")");
        }
        out.flush();
        return ExitCode.OK;
    }
}
