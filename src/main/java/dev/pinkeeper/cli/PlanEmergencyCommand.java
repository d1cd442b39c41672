package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.PlanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pinkeeper plan emergency}: a backup key replaces a lost or compromised current key. */
@Command(name = "emergency", mixinStandardHelpOptions = true,
        description = "Promote a backup key in place of a lost or compromised current key (allowed whenever every"
                + " header still cached pins the backup), generate a replacement backup, and say how to export it.")
final class PlanEmergencyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanSiteOptions options;

    @Option(names = "--backup", required = true, paramLabel = "REF", description = "The backup key to promote (id, pin or backup-N).")
    String backup;

    @Option(names = "--lost", paramLabel = "REF",
            description = "The current key it replaces (default: the site's only current key).")
    String lost;

    @Option(names = RolloverGate.OVERRIDE_FLAG, description = "Promote it even if visitors will be locked out.")
    boolean force;

    @Override
    public Integer call() {
        String site = options.site();
        PrintWriter out = spec.commandLine().getOut();
        KeyChange change;
        try {
            change = options.service().emergency(site, backup, lost, options.at(), force);
        } catch (RefusedStepException e) {
            return PlanCommand.refused(e, out);
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } catch (PlanException e) {
            throw PlanCommand.failure(e);
        }
        out.println("emergency at " + change.plan().written() + " (plan version " + change.plan().version() + "):");
        out.println("  current: " + change.promoted().id() + "  " + change.promoted().pin().base64() + " (was a backup)");
        out.println("  retired: " + change.replaced().id());
        out.println("  replacement backup: " + change.generated().id() + "  " + change.generated().pin().base64());
        out.println("Export the replacement backup offline now:");
        out.println("  pinkeeper keys backup export --site " + site + " --key " + change.generated().id()
                + " --out DIR --offline");
        out.println("Then serve a certificate for " + change.promoted().id() + " with the header plan show prints.");
        out.flush();
        return ExitCode.OK;
    }
}
