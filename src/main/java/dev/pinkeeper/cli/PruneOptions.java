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
}
