package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.cli.options.JsonOption;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pinkeeper.keys.AlgorithmAdvice;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.SiteClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper keys init}: creates a site with its current, next and backup keys. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a site: current key(s), a next key for each, and two or more backup keys.")
final class KeysInitCommand implements Callable<Integer> {
    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @Option(names = "--domain", required = true, paramLabel = "NAME",
            description = "A domain its certificates cover (repeat for more; the first is the CSR's CN).")
    List<String> domains;

    @Option(names = "--current", paramLabel = "ALG", split = ",",
            description = "Current key algorithm(s), one key each: rsa:2048|3072|4096, ec:p256|p384, ed25519"
                    + " (default: ec:p256).")
    List<String> current = List.of("ec:p256");

    @Option(names = "--backup", paramLabel = "ALG", split = ",",
            description = "Backup key algorithms, at least two (default: rsa:3072 and ec:p256).")
    List<String> backups = List.of("rsa:3072", "ec:p256");

    @Mixin
    JsonOption jsonOption;

    @Option(names = "--simulated-clock", description = "For rehearsals and tests: the site's changes may be recorded"
            + " at any --at (months ahead, to walk through its ramp and rollovers), not only up to a few minutes"
            + " after this machine's clock. Chosen once, for good: never for a site that serves visitors.")
    boolean simulatedClock;

    @Override
    public Integer call() {
        String name = siteOption.name();
        List<KeyAlgorithm> currentAlgorithms = KeysAlgorithms.parse("--current", current);
        List<KeyAlgorithm> backupAlgorithms = KeysAlgorithms.parse("--backup", backups);
        KeyInventory inventory = stateOption.inventory(); // checks --state before any warning
        KeysAlgorithms.warn(AlgorithmAdvice.forNewSite(currentAlgorithms, backupAlgorithms));
        SiteInventory created;
        try {
            created = SiteClock.create(inventory, name, domains, currentAlgorithms, backupAlgorithms, simulatedClock);
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } catch (PlanException e) {
            throw new UsageException(e.getMessage(), e);
        }
        KeysTable.print(created, jsonOption.json());
        return ExitCode.OK;
    }
}
