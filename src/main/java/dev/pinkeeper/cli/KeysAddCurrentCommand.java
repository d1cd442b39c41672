package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.cli.options.JsonOption;
import java.util.concurrent.Callable;

import dev.pinkeeper.keys.AlgorithmAdvice;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.SiteInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper keys add-current}: another current key (RSA beside EC, or one per server), with its next key. */
@Command(name = "add-current", mixinStandardHelpOptions = true,
        header = "Add another current key to a site, with its own next key.",
        description = "Add another current key to a site, with its own next key. Its pin is new: the plan must"
                + " publish it before a certificate for it is served.")
final class KeysAddCurrentCommand implements Callable<Integer> {
    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @Option(names = "--algorithm", paramLabel = "ALG", description = "Algorithm of the new current key (default: ec:p256).")
    String algorithm = "ec:p256";

    @Option(names = "--next-algorithm", paramLabel = "ALG", description = "Algorithm of its next key (default: the same).")
    String nextAlgorithm;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        String name = siteOption.name();
        KeyAlgorithm current = KeysAlgorithms.parse("--algorithm", algorithm);
        KeyAlgorithm next = nextAlgorithm == null ? current : KeysAlgorithms.parse("--next-algorithm", nextAlgorithm);
        KeysAlgorithms.warn(AlgorithmAdvice.forAddedKey(current, next));
        SiteInventory after;
        try {
            after = stateOption.inventory().update(name, "add-current " + current.label(),
                    change -> change.addCurrent(current, next));
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        }
        KeysTable.print(after, jsonOption.json());
        return ExitCode.OK;
    }
}
