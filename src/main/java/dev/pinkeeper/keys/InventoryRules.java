package dev.pinkeeper.keys;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import dev.pinkeeper.site.SiteLayout;

/** What keys a site's inventory version may have: checked before a version becomes live. */
final class InventoryRules {
    private InventoryRules() {
    }

    /**
     * Checks a version: each key once, next keys follow current keys, at least one current key, and the
     * private key file of every online key exists (or is staged by the change).
     *
     * @param staged whether a key's private key file is staged by the change (written at the commit)
     */
    static void check(SiteLayout layout, SiteInventory inventory, Predicate<String> staged) throws InventoryException {
        Set<String> ids = new HashSet<>();
        for (KeyEntry key : inventory.keys()) {
            if (!ids.add(key.id())) {
                throw new InventoryException("site " + inventory.site() + ": key " + key.id() + " appears twice");
            }
            if (key.role() == KeyRole.NEXT && inventory.byId(key.nextFor())
                    .filter(c -> c.role() == KeyRole.CURRENT).isEmpty()) {
                throw new InventoryException("site " + inventory.site() + ": next key " + key.id()
                        + " follows " + key.nextFor() + ", which is not a current key");
            }
            Path folder = layout.key(key.id());
            if (!key.offline() && !staged.test(key.id())
                    && !Files.isRegularFile(folder.resolve(key.privateKeyFile()), LinkOption.NOFOLLOW_LINKS)) {
                throw new InventoryException(folder + ": the private key file " + key.privateKeyFile() + " is missing");
            }
        }
        if (inventory.current().isEmpty()) {
            throw new InventoryException("site " + inventory.site() + " would have no current key");
        }
    }
}
