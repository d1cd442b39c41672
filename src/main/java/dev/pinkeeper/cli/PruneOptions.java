package dev.pinkeeper.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every {@code prune} command takes: the state, the site, {@code --yes} to really delete, {@code --json}. */
final class PruneOptions {
    @Mixin
    StateOption stateOption;

    @Option(names = "--site", required = true, paramLabel = "NAME", description = "The site.")
    String site;

    @Option(names = "--yes", description = "Really delete (otherwise a dry run).")
    boolean yes;

    @Option(names = "--json", description = "Print what was (or would be) removed as JSON.")
    boolean json;

    @Option(names = "--at", paramLabel = "ISO-8601",
            description = "The moment of the prune (default: now): a retired plan's keys are kept until its pins expire.")
    String at;

    /** The moment of the prune of {@code site}: {@link Times#change}. */
    java.time.Instant at(String site) {
        return Times.change("--at", at, stateOption.inventory(), site, false);
    }

    /** Prints a refusal ({@code refused}, and with --json the document) and returns exit code 1. */
    int refused(String message, java.time.Instant allowedFrom) {
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode root = dev.pinkeeper.keys.InventoryJson.mapper().createObjectNode();
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
