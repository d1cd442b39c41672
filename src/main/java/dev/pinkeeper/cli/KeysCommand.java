package dev.pinkeeper.cli;

import dev.pinkeeper.keys.InventoryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pinkeeper keys}: the key inventory of each site (current, next, backup and retired keys). */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the keys a site pins: current, next and backup keys, CSRs, offline backups.",
        subcommands = {KeysInitCommand.class, KeysListCommand.class, KeysAddCurrentCommand.class,
                KeysCsrCommand.class, KeysBackupCommand.class, KeysPruneCommand.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** An inventory failure as the one-line usage error (exit 2). */
    static UsageException failure(InventoryException e) {
        return new UsageException(e.getMessage(), e);
    }

    /** Prints a warning line on stderr. */
    static void warn(String message) {
        System.err.println("pinkeeper: warning: " + message);
    }
}
