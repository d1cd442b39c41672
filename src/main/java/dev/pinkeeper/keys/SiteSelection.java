package dev.pinkeeper.keys;

import java.util.ArrayList;
import java.util.List;

/** The sites a command looks at: the ones named, or, when none is named, every site of the state folder. */
public final class SiteSelection {
    private SiteSelection() {
    }

    /** The names of the sites {@code names} selects: those names, or every site in name order when it is empty. */
    public static List<String> names(KeyInventory inventory, List<String> names) throws InventoryException {
        return names.isEmpty() ? inventory.sites() : List.copyOf(names);
    }

    /** The live inventory of each site named in {@code names} (none: every site, in name order). */
    public static List<SiteInventory> load(KeyInventory inventory, List<String> names) throws InventoryException {
        List<SiteInventory> sites = new ArrayList<>();
        for (String name : names(inventory, names)) {
            sites.add(inventory.load(name));
        }
        return sites;
    }
}
