package dev.pinkeeper.cli;

import java.time.Instant;

import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.cli.options.Times;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
    Instant at(String site) {
        return atOption.change(stateOption.inventory(), site, false);
    }

    /** Prints a refusal ({@code refused}, and with --json the document) and returns exit code 1. */
    int refused(String message, Instant allowedFrom) {
        if (jsonOption.json()) {
            Json.print(new Refusal(false, message, allowedFrom));
        } else {
            System.out.println("refused: " + message);
            if (allowedFrom != null) {
                System.out.println("allowed from: " + allowedFrom);
            }
        }
        return ExitCode.REJECTED;
    }

    /**
     * Prints the last line of a prune's text: {@code nothingLine} when there was {@code nothing} to prune, else,
     * unless {@code applied}, that nothing was deleted without {@code --yes}.
     */
    void printLast(boolean nothing, String nothingLine, boolean applied) {
        if (nothing) {
            System.out.println(nothingLine);
        } else if (!applied) {
            System.out.println("dry run: nothing was deleted; add --yes to delete");
        }
    }

    /** The JSON document of a refused prune: nothing applied, why, and from when it is allowed (or null). */
    record Refusal(boolean applied, String refused, Instant allowedFrom) {
    }
}
