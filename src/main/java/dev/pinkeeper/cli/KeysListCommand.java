package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.SitesOption;
import dev.pinkeeper.cli.options.JsonOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.InventoryJson;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.SiteSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pinkeeper keys list}: every key of every site (or one site). */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Show every key with its role, algorithm, pin, creation date, since when its pin is"
                + " published and when it may safely become current.")
final class KeysListCommand implements Callable<Integer> {
    @Mixin
    StateOption stateOption;

    @Mixin
    SitesOption sitesOption;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        KeyInventory inventory = stateOption.inventory();
        List<SiteInventory> sites;
        try {
            sites = SiteSelection.load(inventory, sitesOption.names());
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        }
        if (jsonOption.json()) {
            Json.print(new Document(inventory.state().root(), sites.stream().map(InventoryJson::toJson).toList()));
        } else if (sites.isEmpty()) {
            System.out.println("no site in " + inventory.state().root()
                    + " (create one with: pinkeeper keys init --site NAME --domain NAME)");
        } else {
            StringBuilder out = new StringBuilder();
            for (SiteInventory s : sites) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(KeysTable.render(s));
            }
            System.out.print(out);
        }
        return ExitCode.OK;
    }

    /** The JSON document: the state folder and each site's inventory. */
    record Document(Path state, List<ObjectNode> sites) {
    }
}
