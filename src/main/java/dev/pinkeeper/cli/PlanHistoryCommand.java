package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import picocli.CommandLine.Command;

/** {@code pinkeeper plan history}: the recorded history as a scenario for {@code pinkeeper simulate}. */
@Command(name = "history", mixinStandardHelpOptions = true,
        header = "Print the recorded history of served headers as a scenario JSON document for simulate.",
        description = "Print the recorded history (which header was served when) as a scenario JSON document:"
                + " pinkeeper plan history --site S | pinkeeper simulate -")
final class PlanHistoryCommand extends PlanSubcommand {
    @Override
    int run(String site, PrintWriter out) throws InventoryException, PlanException {
        PlanService service = options.service();
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
