package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.cli.options.Times;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import dev.pinkeeper.cli.options.AtOption;

/** What every {@code prune} command takes: the state, the site, {@code --yes} to really delete, {@code --json}. */
final class PruneOptions {
    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @Option(names = "--yes", description = "Really delete (otherwise a dry run).")
    boolean yes;

    @Mixin
    JsonOption jsonOption;

    @Mixin
    AtOption atOption;

    /** The moment of the prune of {@code site}: {@link Times#change}. */
    java.time.Instant at(String site) {
        return atOption.change(stateOption.inventory(), site, false);
    }

    /** Prints a refusal ({@code refused}, and with --json the document) and returns exit code 1. */
    int refused(String message, java.time.Instant allowedFrom) {
        if (jsonOption.json()) {
            com.fasterxml.jackson.databind.node.ObjectNode root = Json.object();
            root.put("applied", false);
            root.put("refused", message);
            root.put("allowedFrom", allowedFrom == null ? null : allowedFrom.toString());
            KeysCommand.printJson(root);
        } else {
            System.out.println("refused: " + message);
            if (allowedFrom != null) {
                System.out.println("allowed from: " + allowedFrom);
            }
        }
        return ExitCode.REJECTED;
    }
}
