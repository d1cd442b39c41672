package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.InventoryJson;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.backup.WrongPassphraseException;
import dev.pinkeeper.site.archive.SiteImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper site import}: restores a site whole from its export. */
@Command(name = "import", mixinStandardHelpOptions = true,
        header = "Restore a whole site from the file pinkeeper site export wrote.",
        description = "Decrypt a site archive, check everything in it (every inventory and plan version, each private"
                + " key against its pin, the settings, the releases) and only then restore the site whole into the"
                + " state directory. A site that exists already is never replaced: exit 2, nothing written.")
final class SiteImportCommand implements Callable<Integer> {
    @Mixin
    StateOption stateOption;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The archive pinkeeper site export wrote.")
    Path file;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "File whose first line is the passphrase; default: ask.")
    Path passphraseFile;

    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        SiteImport importer = new SiteImport(stateOption.directory());
        char[] passphrase = Passphrases.read(passphraseFile, false);
        SiteImport.Imported imported;
        try {
            imported = importer.restore(file, passphrase, dryRunOption.given());
        } catch (WrongPassphraseException e) {
            throw new UsageException(file + ": " + e.getMessage(), e);
        } catch (InventoryException e) {
            throw new UsageException(e.getMessage().startsWith(file.toString()) ? e.getMessage()
                    : file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        String site = imported.inventory().site();
        if (jsonOption.json()) {
            Json.print(Document.of(imported));
            return ExitCode.OK;
        }
        System.out.println((imported.dryRun() ? "dry run: would restore" : "restored") + " site " + site + " in "
                + imported.site() + ": " + imported.inventory().keys().size() + " keys (inventory version "
                + imported.inventory().version() + "), " + imported.plan().map(p -> "plan version " + p.version())
                .orElse("no plan") + ", " + imported.releases() + " release" + (imported.releases() == 1 ? "" : "s"));
        for (KeyEntry key : imported.inventory().keys()) {
            if (key.offline() && !key.isCompromised()) {
                System.out.println("offline key " + key.id() + ": its private half is only in its offline backup");
            }
        }
        return ExitCode.OK;
    }

    /**
     * The JSON document: {@code {"site","folder","dryRun","inventoryVersion","keys":[…],"planVersion"|null,
     * "releases"}}, each key as {@code keys list} shows it.
     */
    record Document(String site, Path folder, boolean dryRun, int inventoryVersion, List<JsonNode> keys,
            Integer planVersion, int releases) {
        static Document of(SiteImport.Imported imported) {
            return new Document(imported.inventory().site(), imported.site(), imported.dryRun(),
                    imported.inventory().version(), imported.inventory().keys().stream()
                            .<JsonNode>map(InventoryJson::toJson).toList(),
                    imported.plan().map(p -> p.version()).orElse(null), imported.releases());
        }
    }
}
