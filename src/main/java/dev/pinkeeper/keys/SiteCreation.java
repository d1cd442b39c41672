package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.site.Folders;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteTransaction;
import dev.pinkeeper.site.UncommittedCreation;

/**
 * The creation of a site ({@link KeyInventory#create}): the keys a new site must have, and all or nothing —
 * a creation that fails removes the site's folder it made, under the site's lock, so that nothing is left
 * for the next creation (or a {@code site import}) to stumble on; one whose process dies leaves its folder
 * marked ({@link UncommittedCreation}), and the next creation or import removes it.
 */
final class SiteCreation {
    private final KeyInventory inventory;

    SiteCreation(KeyInventory inventory) {
        this.inventory = inventory;
    }

    /**
     * One current key per {@code current} algorithm, each with its next key of the same algorithm, and one
     * backup per {@code backups} algorithm (at least two). Domains are lower-cased and checked.
     */
    SiteInventory create(String site, List<String> domains, List<KeyAlgorithm> current, List<KeyAlgorithm> backups)
            throws InventoryException {
        if (domains.isEmpty()) {
            throw new InventoryException("site " + site + ": give at least one domain");
        }
        if (current.isEmpty()) {
            throw new InventoryException("site " + site + ": give at least one current key algorithm");
        }
        if (backups.size() < 2) {
            throw new InventoryException("site " + site + ": give at least two backup keys (one RSA and one EC"
                    + " is the default), so that losing one still leaves a pinned spare");
        }
        List<String> names = new ArrayList<>();
        try {
            for (String domain : domains) {
                String name = DomainName.normalize(domain);
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new InventoryException("site " + site + ": " + e.getMessage(), e);
        }
        return createWith(site, "init", change -> {
            change.setDomains(names);
            for (KeyAlgorithm algorithm : current) {
                change.addCurrent(algorithm, algorithm);
            }
            for (KeyAlgorithm algorithm : backups) {
                change.generate(KeyRole.BACKUP, algorithm, null);
            }
        });
    }

    /** A site whose first version {@code update} makes; nothing is left of it when that fails. */
    SiteInventory createWith(String site, String description, InventoryUpdate update) throws InventoryException {
        SiteLayout layout = inventory.layout(site);
        Path folder = layout.directory();
        inventory.state().check();
        boolean created = false;
        if (!SiteTransaction.dryRun(layout) && !Files.isDirectory(folder)) {
            try {
                SafeFiles.createPrivateDirectories(folder);
            } catch (IOException e) {
                throw new InventoryException(folder + ": cannot create the site folder: " + e.getMessage(), e);
            }
            created = true;
        }
        boolean done = false;
        try (SiteTransaction transaction = inventory.transaction(site)) {
            try {
                boolean marked = !transaction.dryRun() && uncommitted(layout); // an empty folder, or an earlier attempt's
                if (marked) {
                    mark(layout);
                }
                SiteInventory first = inventory.transact(site, true, description, update); // joins the transaction
                done = true;
                if (marked) {
                    unmark(layout);
                }
                return first;
            } finally {
                if (created && !done) {
                    removeFailedSite(folder);
                }
            }
        }
    }

    /** Marks the folder as a creation under way: one the process dies in is removed by the next open or import. */
    private static void mark(SiteLayout layout) throws InventoryException {
        try {
            UncommittedCreation.begin(layout);
        } catch (IOException e) {
            throw new InventoryException(layout.directory() + ": cannot create the site: " + e.getMessage(), e);
        }
    }

    private static boolean uncommitted(SiteLayout layout) throws InventoryException {
        try {
            return UncommittedCreation.is(layout);
        } catch (IOException e) {
            throw new InventoryException(layout.directory() + ": cannot read the site folder: " + e.getMessage(), e);
        }
    }

    private static void unmark(SiteLayout layout) {
        try {
            UncommittedCreation.end(layout);
        } catch (IOException e) {
            // the site is committed: the next transaction removes the mark
        }
    }

    /**
     * Removes the folder of a site whose creation failed, lock file included, while its lock is still held:
     * nobody saw the site, and a process waiting for the lock finds no site.
     */
    private static void removeFailedSite(Path folder) {
        try {
            Folders.deleteTree(folder);
        } catch (IOException e) {
            // what is left holds no live version: the next creation goes on in it
        }
    }
}
