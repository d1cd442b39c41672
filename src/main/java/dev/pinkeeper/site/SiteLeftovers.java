package dev.pinkeeper.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import dev.pinkeeper.files.SafeFiles;

/**
 * The crash cleanup of a site, run under its lock when a transaction opens ({@link SiteTransaction#open}):
 * removes what an interrupted change left and no live version uses — temporary files and folders in the
 * site's folder, its inventory versions, keys and plan; the inventory versions written but never made live
 * ({@link InventoryVersions#uncommitted}), so that none shows in the history nor takes the number of the next
 * one; and the plan versions whose inventory version was never committed (the process died between the two
 * writes of one commit), so that no later inventory version with that number can make them live. A site
 * whose creation never committed is emptied ({@link UncommittedCreation}); a folder without a live version
 * that is not one is left as it is.
 */
final class SiteLeftovers {
    private SiteLeftovers() {
    }

    static void remove(SiteLayout layout) throws IOException {
        InventoryVersions inventory = new InventoryVersions(layout);
        if (!inventory.exists()) {
            UncommittedCreation.clear(layout);
            return;
        }
        for (Path folder : List.of(layout.directory(), layout.inventoryVersions(), layout.keys(), layout.plan())) {
            for (Path child : Folders.list(folder)) {
                if (Folders.temporary(child)) {
                    Folders.deleteTree(child);
                }
            }
        }
        List<Path> staged = inventory.uncommitted();
        for (Path file : staged) {
            Files.delete(file);
        }
        if (!staged.isEmpty()) {
            SafeFiles.fsyncDirectory(layout.inventoryVersions());
        }
        int live = inventory.liveNumber().orElse(0);
        PlanVersions plans = new PlanVersions(layout);
        boolean removed = false;
        for (Path file : plans.files()) {
            if (!PlanVersions.committed(file, live)) {
                Files.delete(file);
                removed = true;
            }
        }
        if (removed) {
            SafeFiles.fsyncDirectory(plans.folder());
        }
        if (Files.exists(layout.creationMark(), LinkOption.NOFOLLOW_LINKS)) {
            UncommittedCreation.end(layout); // a creation that died once its first version was live
        }
    }
}
