package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.StoredPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pinkeeper plan history}: the recorded history as a scenario for {@code pinkeeper simulate}. */
@Command(name = "history", mixinStandardHelpOptions = true,
        header = "Print the recorded history of served headers as a scenario JSON document for simulate.",
        description = "Print the recorded history (which header was served when) as a scenario JSON document:"
                + " pinkeeper plan history --site S | pinkeeper simulate -. With --changes, one line per plan version"
                + " instead: its number, when it was written and what it changed (plan set, retire, rollovers, …).")
final class PlanHistoryCommand extends PlanSubcommand {
    @Option(names = "--changes", description = "List the plan versions and what each changed instead.")
    boolean changes;

    @Override
    int run(String site, PrintWriter out) throws InventoryException, PlanException {
        PlanService service = options.service();
        if (changes) {
            service.load(site); // a site without a plan is a usage error
            for (StoredPlan version : service.store().versions(site)) {
                out.println(String.format("%6d  %s  %s", version.version(), version.written(), version.change()));
            }
            out.flush();
            return ExitCode.OK;
        }
        byte[] scenario = service.store().scenario(service.load(site), service.inventory().load(site));
        try {
            System.out.write(scenario);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.flush();
        return ExitCode.OK;
    }
}
