package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.cli.options.JsonOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.site.archive.SiteExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper site export}: the whole site as one encrypted file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Write a whole site (keys, plan, settings, certificates, releases) as one encrypted file.",
        description = "Write everything of the site as one file encrypted under a passphrase (PBKDF2-HMAC-SHA256 +"
                + " AES-256-CBC, as the offline key backups): the key inventory and its versions, the plan and its"
                + " history, the settings, the ACME account keys, the certificates and the releases. The private"
                + " keys of offline keys are not on this machine and not in it: keep their backups. The file is"
                + " written 0600 and never over an existing file; pinkeeper site import restores it.")
final class SiteExportCommand implements Callable<Integer> {
    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The archive to write (must not exist).")
    Path out;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "File whose first line is the passphrase (at least 12 characters); default: ask twice.")
    Path passphraseFile;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        KeyInventory inventory = stateOption.inventory();
        String name = StateOption.existingSite(inventory, siteOption.name());
        char[] passphrase = Passphrases.read(passphraseFile, true);
        SiteExport.Exported exported;
        try {
            exported = new SiteExport(inventory).export(name, out, passphrase);
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        if (jsonOption.json()) {
            Json.print(new Document(name, exported.file(), exported.archive().entries().size(),
                    exported.offlineKeys().stream().map(KeyEntry::id).toList()));
        } else {
            System.out.println("site " + name + " exported to " + exported.file() + " ("
                    + exported.archive().entries().size() + " files and folders)");
            for (KeyEntry key : exported.offlineKeys()) {
                System.out.println("not in it: the private key of offline key " + key.id() + " (its offline backup is"
                        + " the copy)");
            }
        }
        return ExitCode.OK;
    }

    /** The JSON document: {@code {"site","file","entries","offlineKeys":[ids]}}. */
    record Document(String site, Path file, int entries, List<String> offlineKeys) {
    }
}
