package dev.pinkeeper.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pinkeeper keys backup}: offline backups of keys (export, restore). */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Export a key as an encrypted file and a printable QR sheet; restore it from either.",
        subcommands = {KeysBackupExportCommand.class, KeysBackupRestoreCommand.class})
final class KeysBackupCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
