package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.cli.options.JsonOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.InventoryJson;
import dev.pinkeeper.keys.backup.ExportedBackup;
import dev.pinkeeper.keys.backup.OfflineBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper keys backup export}: encrypted key file + PNG and PDF sheet with QR codes. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Write a key encrypted and as a printable sheet of QR codes, optionally removing it from this machine.",
        description = "Write a key encrypted (PKCS#8, PBKDF2-HMAC-SHA256 + AES-256-CBC) and a printable sheet"
                + " (PNG, PDF) with it as QR codes, its pin and the restore steps. With --offline, then remove"
                + " the backup key's private half from this machine (its pin stays pinned).")
final class KeysBackupExportCommand implements Callable<Integer> {
    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "Key id, pin or backup-N.")
    String key;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for SITE-ID.key.pem, SITE-ID.sheet.png and SITE-ID.sheet.pdf (created 0700).")
    Path out;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "File whose first line is the passphrase (at least 12 characters); default: ask twice.")
    Path passphraseFile;

    @Option(names = "--offline", description = "After a verified export, remove the private key from the state directory.")
    boolean offline;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        String name = siteOption.name();
        char[] passphrase = Passphrases.read(passphraseFile, true);
        ExportedBackup exported;
        try {
            exported = new OfflineBackup(stateOption.inventory()).export(name, key, out, passphrase, offline);
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        if (jsonOption.json()) {
            Json.print(new Document(InventoryJson.toJson(exported.key()), exported.encryptedKey(), exported.png(),
                    exported.pdf(), exported.qrParts(), exported.key().offline()));
        } else {
            System.out.println("encrypted key: " + exported.encryptedKey());
            System.out.println("sheet (PNG):   " + exported.png());
            System.out.println("sheet (PDF):   " + exported.pdf() + "   (" + exported.qrParts() + " QR code"
                    + (exported.qrParts() == 1 ? "" : "s") + ")");
            System.out.println("pin:           pin-sha256=\"" + exported.key().pin() + "\"");
            if (exported.key().offline()) {
                System.out.println("key " + exported.key().id() + " is now offline: its private key was removed from"
                        + " this machine; its pin stays pinned");
            }
        }
        return ExitCode.OK;
    }

    /** The JSON document: the key exported, the files written, whether it is offline now. */
    record Document(ObjectNode key, Path encryptedKey, Path png, Path pdf, int qrParts, boolean offline) {
    }
}
