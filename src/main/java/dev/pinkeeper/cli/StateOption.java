package dev.pinkeeper.cli;

import java.nio.file.Path;

import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import picocli.CommandLine.Option;

/** The {@code --state DIR} option shared by every command that reads or changes the state directory. */
final class StateOption {
    @Option(names = "--state", paramLabel = "DIR",
            description = "State directory (default: $" + StateDirectory.ENVIRONMENT_VARIABLE + ", else state in the"
                    + " settings file, else /var/lib/pinkeeper installed, ./pinkeeper-data in a checkout).")
    Path state;

    /** The resolved state directory, checked: absent, or a folder this user can read. */
    StateDirectory directory() {
        if (state != null && state.toString().isBlank()) {
            throw new UsageException("--state: an empty path; name a folder, or leave the option out ($"
                    + StateDirectory.ENVIRONMENT_VARIABLE + ", else ./pinkeeper-data)");
        }
        StateDirectory directory = StateDirectory.resolve(state != null ? state : SettingsDefaults.state());
        try {
            directory.check();
        } catch (InventoryException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return directory;
    }

    /** The key inventory in the resolved state directory. */
    KeyInventory inventory() {
        return new KeyInventory(directory());
    }

    /** Checks a site name given on the command line. */
    static String site(String name) {
        return SiteOption.checked(name);
    }

    /** Checks a site name given on the command line and that the site exists in {@code inventory}. */
    static String existingSite(KeyInventory inventory, String name) {
        String checked = site(name);
        if (!inventory.exists(checked)) {
            try {
                inventory.state().checkSite(checked); // a folder this user cannot read is not a missing site
            } catch (InventoryException e) {
                throw new UsageException(e.getMessage(), e);
            }
            throw new UsageException("--site: no site " + checked + " in " + inventory.state().root()
                    + " (create it with pinkeeper keys init)");
        }
        return checked;
    }
}
