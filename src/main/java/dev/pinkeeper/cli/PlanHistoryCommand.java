package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.plan.site.PlanService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pinkeeper plan history}: the recorded history as a scenario for {@code pinkeeper simulate}. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print the recorded history (which header was served when) as a scenario JSON document:"
                + " pinkeeper plan history --site S | pinkeeper simulate -")
final class PlanHistoryCommand implements Callable<Integer> {
    @Mixin
    PlanSiteOptions options;

    @Override
    public Integer call() {
        String site = options.site();
        PlanService service = options.service();
        return PlanCommand.execute(new PrintWriter(System.err), () -> {
            SiteInventory live = service.inventory().load(site);
            try {
                System.out.write(service.store().scenario(service.load(site), live));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.flush();
            return ExitCode.OK;
        });
    }
}
