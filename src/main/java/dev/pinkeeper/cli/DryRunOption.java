package dev.pinkeeper.cli;

import dev.pinkeeper.site.SiteTransaction;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run}, shared by every command that changes state: the same checks and the same output,
 * marked as a dry run ({@link DryRuns}), and nothing written: every site transaction the command opens
 * is rolled back, no server is reloaded and no certificate ordered.
 */
final class DryRunOption {
    private boolean on;

    @Option(names = "--dry-run", description = "Run every check and print the same output, marked as a dry run:"
            + " nothing is written, no server reloaded, no certificate ordered.")
    void dryRun(boolean on) {
        this.on = on;
        if (on) { // picocli sets the option while parsing: before the command runs
            SiteTransaction.beginDryRun();
        }
    }

    /** Whether {@code --dry-run} was given. */
    boolean given() {
        return on;
    }
}
