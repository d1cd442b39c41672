package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.site.KeyChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pinkeeper plan rollover}: next key → current, a new next key, only when the gate says it is safe. */
@Command(name = "rollover", mixinStandardHelpOptions = true,
        description = "The next key becomes current and a new next key is generated, only when every header a visitor"
                + " may still have cached pins the next key (plus a margin). Otherwise exit 1, saying when it becomes safe.")
final class PlanRolloverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanSiteOptions options;

    @Mixin
    ForceOption override;

    @Option(names = "--key", paramLabel = "REF",
            description = "The current key to replace (id, pin or current-N) when the site has several.")
    String current;

    @Override
    public Integer call() {
        String site = options.site();
        PrintWriter out = spec.commandLine().getOut();
        return PlanCommand.execute(out, () -> {
            KeyChange change = options.service().rollover(site, current, options.at(), override.force);
            if (override.force) {
                KeysCommand.warn("rolled over with " + RolloverGate.OVERRIDE_FLAG + ": visitors who cached an older"
                        + " header may be locked out until it expires");
            }
            out.println("rolled over at " + change.plan().written() + " (plan version " + change.plan().version() + "):");
            out.println("  current: " + change.promoted().id() + "  " + change.promoted().pin().base64());
            out.println("  retired: " + change.replaced().id());
            out.println("  new next key: " + change.generated().id() + "  " + change.generated().pin().base64());
            out.println("Serve a certificate for the new current key now (pinkeeper keys csr --site " + site + " --key "
                    + change.promoted().id() + "), with the header 'pinkeeper plan show --site " + site + "' prints.");
            return ExitCode.OK;
        });
    }
}
