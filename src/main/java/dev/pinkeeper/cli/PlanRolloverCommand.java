package dev.pinkeeper.cli;

import java.io.PrintWriter;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.PlanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper plan rollover}: next key → current, a new next key, only when the gate says it is safe. */
@Command(name = "rollover", mixinStandardHelpOptions = true,
        header = "Make the next key current and generate a new next key, only when no cached header can lock a visitor out.",
        description = "The next key becomes current and a new next key is generated, only when every header a visitor"
                + " may still have cached pins the next key (plus a margin). Otherwise exit 1, saying when it becomes safe.")
final class PlanRolloverCommand extends PlanSubcommand {
    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    ForceOption override;

    @Option(names = "--key", paramLabel = "REF",
            description = "The current key to replace (id, pin or current-N) when the site has several.")
    String current;

    @Override
    int run(String site, PrintWriter out) throws InventoryException, PlanException, RefusedStepException {
        KeyChange change = options.service().rollover(site, current, options.changeAt(site), override.force);
        if (override.force) {
            KeysCommand.warn("rolled over with " + ForceOption.FLAG + ": visitors who cached an older"
                    + " header may be locked out until it expires");
        }
        if (options.json()) {
            Json.print(PlanChangeDocument.keyChange(change));
            return ExitCode.OK;
        }
        printKeyChange(out, "rolled over", change, "", "new next key");
        out.println("Serve a certificate for the new current key now (pinkeeper keys csr --site " + site + " --key "
                + change.promoted().id() + "), with the header 'pinkeeper plan show --site " + site + "' prints.");
        return ExitCode.OK;
    }
}
