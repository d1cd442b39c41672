package dev.pinkeeper.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.cli.options.Times;
import dev.pinkeeper.deploy.Release;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.InventoryJson;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.PruneResult;
import dev.pinkeeper.lifecycle.KeyServedException;
import dev.pinkeeper.lifecycle.PinsCachedException;
import dev.pinkeeper.lifecycle.SitePruning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper keys prune}: the only command that deletes keys, and only with {@code --yes}. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        header = "Delete keys retired before a date, or only list them.",
        description = {"Delete keys retired before a date (and key folders left by interrupted changes), with every"
                + " release that holds one: no copy of a pruned key stays behind. Without --yes it only lists them.",
                "Refused (exit 1, nothing deleted) while the live release serves one of them (deploy first), or while"
                        + " the site's retired plan may still be cached (pinkeeper plan retire)."})
final class KeysPruneCommand implements Callable<Integer> {
    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    PruneOptions options;

    @Option(names = "--retired-before", required = true, paramLabel = "DATE",
            description = "Prune keys retired before this date (YYYY-MM-DD, UTC midnight) or instant (ISO-8601).")
    String retiredBefore;

    @Override
    public Integer call() {
        String name = options.siteOption.name();
        Instant cutoff = Times.parse("--retired-before", retiredBefore);
        SitePruning.KeyPrune pruned;
        try {
            pruned = new SitePruning(options.stateOption.inventory()).pruneKeys(name, cutoff, options.yes,
                    options.at(name));
        } catch (KeyServedException e) {
            return options.refused(e.getMessage(), null);
        } catch (PinsCachedException e) {
            return options.refused(e.getMessage(), e.allowedFrom());
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        }
        PruneResult result = pruned.keys();
        if (options.jsonOption.json()) {
            Json.print(new Document(result.applied(), result.retiredKeys().stream().map(InventoryJson::toJson).toList(),
                    pruned.releases().stream().map(Release::name).toList(), result.leftovers()));
            return ExitCode.OK;
        }
        String verb = result.applied() ? "removed" : "would remove";
        for (KeyEntry key : result.retiredKeys()) {
            System.out.println(verb + " retired key " + key.id() + " (" + key.algorithm().label() + ", pin " + key.pin()
                    + ", retired " + key.retired() + ")");
        }
        for (Release release : pruned.releases()) {
            System.out.println(verb + " release " + release.name() + " (it holds a pruned key)");
        }
        for (Path leftover : result.leftovers()) {
            System.out.println(verb + " leftover folder " + leftover);
        }
        options.printLast(result.retiredKeys().isEmpty() && result.leftovers().isEmpty(), "nothing to prune in site " + name,
                result.applied());
        return ExitCode.OK;
    }

    /** The JSON document: whether anything was deleted, and the keys, releases and leftover folders concerned. */
    record Document(boolean applied, List<ObjectNode> retiredKeys, List<String> releases, List<Path> leftovers) {
    }
}
