package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.plan.site.PlanException;
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
        try {
            KeyInventory inventory = service.inventory();
            SiteInventory live = inventory.load(site);
            System.out.write(service.store().scenario(service.load(site), live));
            System.out.flush();
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } catch (PlanException e) {
            throw PlanCommand.failure(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ExitCode.OK;
    }
}
