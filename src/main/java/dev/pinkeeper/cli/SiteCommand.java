package dev.pinkeeper.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pinkeeper site}: a site as a whole (export, import, recover). */
@Command(name = "site", mixinStandardHelpOptions = true,
        header = "Copy a whole site off the machine, restore it, or recover it from its offline backups alone.",
        description = "Copy a whole site off the machine (export), restore it whole (import), or recreate it on a"
                + " new machine from nothing but its offline backup keys (recover).",
        subcommands = {SiteExportCommand.class, SiteImportCommand.class})
final class SiteCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
