package dev.pinkeeper.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pinkeeper.deploy.Release;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.lifecycle.PinsCachedException;
import dev.pinkeeper.lifecycle.SitePruning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper releases prune}: deletes old releases, keeping the newest and always the live one. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        header = "Delete a site's old releases, always keeping the newest ones and the live one.",
        description = "Delete a site's old releases: keep the --keep newest and the live one, whatever its age"
                + " (the one a failed deployment rolls back to). Without --yes it only lists them. Refused (exit 1) while the"
                + " site's retired plan may still be cached (pinkeeper plan retire).")
final class ReleasesPruneCommand implements Callable<Integer> {
    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    PruneOptions options;

    @Option(names = "--keep", required = true, paramLabel = "N", description = "How many of the newest releases to keep (at least 1).")
    int keep;

    @Override
    public Integer call() {
        if (keep < 1) {
            throw new UsageException("--keep: keep at least 1 release, not " + keep);
        }
        KeyInventory inventory = options.stateOption.inventory();
        String name = StateOption.existingSite(inventory, options.siteOption.name());
        List<Release> removed;
        try {
            removed = new SitePruning(inventory).pruneReleases(name, keep, options.yes, options.at(name));
        } catch (PinsCachedException e) {
            return options.refused(e.getMessage(), e.allowedFrom());
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } catch (IOException e) {
            throw new UsageException("site " + name + ": cannot prune the releases: " + Inputs.describe(e), e);
        }
        if (options.jsonOption.json()) {
            Json.print(new Document(options.yes, removed.stream().map(Release::name).toList()));
            return ExitCode.OK;
        }
        String verb = options.yes ? "removed" : "would remove";
        removed.forEach(r -> System.out.println(verb + " release " + r.name()));
        options.printLast(removed.isEmpty(), "nothing to prune in site " + name + " (keeping the " + keep
                + " newest and the live release)", options.yes);
        return ExitCode.OK;
    }

    /** The JSON document: whether the releases were deleted, and their names. */
    record Document(boolean applied, List<String> releases) {
    }
}
