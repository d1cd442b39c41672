package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.backup.OfflineBackup;
import dev.pinkeeper.keys.backup.PinMismatchException;
import dev.pinkeeper.keys.backup.RestoredBackup;
import dev.pinkeeper.pin.Pin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper keys backup restore}: brings an offline key back after checking its pin. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        header = "Decrypt an exported key, check that its pin is one of the site's keys, and store it again.",
        description = "Decrypt an exported key (its .key.pem file, or the texts scanned from its sheet's QR codes),"
                + " check that its pin is one of the site's keys, and store it again. Exit 1 if the pin is not"
                + " the site's.")
final class KeysBackupRestoreCommand implements Callable<Integer> {
    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--file", paramLabel = "FILE", description = "The exported SITE-ID.key.pem file.")
        Path file;

        @Option(names = "--qr-text", paramLabel = "FILE",
                description = "The texts scanned from the sheet's QR codes, in any order ('-' = standard input).")
        String qrText;
    }

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "File whose first line is the passphrase; default: ask.")
    Path passphraseFile;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        String name = siteOption.name();
        byte[] encrypted;
        try {
            encrypted = source.file != null ? OfflineBackup.fromFile(source.file)
                    : OfflineBackup.fromQrText(readText(source.qrText));
        } catch (InventoryException e) {
            String input = source.file != null ? source.file.toString() : source.qrText;
            throw new UsageException(e.getMessage().startsWith(input) ? e.getMessage() : input + ": " + e.getMessage());
        }
        char[] passphrase = Passphrases.read(passphraseFile, false);
        RestoredBackup restored;
        try {
            restored = new OfflineBackup(stateOption.inventory()).restore(name, encrypted, passphrase);
        } catch (PinMismatchException e) {
            if (jsonOption.json()) {
                throw e; // Main prints it: the JSON document on stdout, its line on stderr, exit 1
            }
            System.err.println("pinkeeper: " + e.getMessage());
            return ExitCode.REJECTED;
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        if (jsonOption.json()) {
            Json.print(new Document(name, restored.key().id(), restored.key().role().label(), restored.key().pin(),
                    restored.alreadyPresent()));
            return ExitCode.OK;
        }
        if (restored.alreadyPresent()) {
            System.out.println("key " + restored.key().id() + " (pin " + restored.key().pin()
                    + ") is already on this machine: nothing written");
        } else {
            System.out.println("restored key " + restored.key().id() + " (" + restored.key().role().label() + ", pin "
                    + restored.key().pin() + ")");
        }
        return ExitCode.OK;
    }

    /** The JSON document: the key restored and whether it was on this machine already. */
    record Document(String site, String key, String role, Pin pin, boolean alreadyPresent) {
    }

    private static String readText(String name) {
        try (InputStream in = Inputs.open(name)) {
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(name + ": " + Inputs.describe(e));
        }
    }
}
