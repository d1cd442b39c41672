package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

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
        if (!changes) {
            byte[] scenario = service.scenario(site);
            System.out.write(scenario, 0, scenario.length);
            System.out.flush();
            return ExitCode.OK;
        }
        List<StoredPlan> versions = service.versions(site);
        if (options.json()) {
            Json.print(new Document(site, versions.stream().map(Version::of).toList()));
            return ExitCode.OK;
        }
        for (StoredPlan version : versions) {
            out.println(String.format("%6d  %s  %s", version.version(), version.written(), version.change()));
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The JSON document of {@code --changes}: every plan version. */
    record Document(String site, List<Version> versions) {
    }

    /** One plan version: its number, when it was written, what it changed. */
    record Version(int version, Instant written, String change) {
        static Version of(StoredPlan plan) {
            return new Version(plan.version(), plan.written(), plan.change());
        }
    }
}
