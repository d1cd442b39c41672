package dev.pinkeeper.cli;

import java.io.PrintWriter;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.PlanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper plan emergency}: a backup key replaces a lost or compromised current key. */
@Command(name = "emergency", mixinStandardHelpOptions = true,
        description = "Promote a backup key in place of a lost or compromised current key (allowed whenever every"
                + " header still cached pins the backup), generate a replacement backup, and say how to export it.")
final class PlanEmergencyCommand extends PlanSubcommand {
    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    ForceOption override;

    @Option(names = "--backup", required = true, paramLabel = "REF", description = "The backup key to promote (id, pin or backup-N).")
    String backup;

    @Option(names = "--lost", paramLabel = "REF", description = "The current key it replaces (default: the only current key).")
    String lost;

    @Override
    int run(String site, PrintWriter out) throws InventoryException, PlanException, RefusedStepException {
        KeyChange change = options.service().emergency(site, backup, lost, options.changeAt(site), override.force);
        if (options.json()) {
            Json.print(PlanChangeDocument.keyChange(change));
            System.err.print(BackupWarnings.exportNow(site, change.generated().id()));
            return ExitCode.OK;
        }
        printKeyChange(out, "emergency", change, " (was a backup)", "replacement backup");
        out.print(BackupWarnings.exportNow(site, change.generated().id()));
        out.println("Then serve a certificate for " + change.promoted().id() + " with the header plan show prints.");
        return ExitCode.OK;
    }
}
