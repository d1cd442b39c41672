package dev.pinkeeper.site;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.pinkeeper.files.SafeFiles;

/**
 * The crash cleanup of a site, run under its lock when a transaction opens ({@link SiteTransaction#open}):
 * removes what an interrupted change left and no live version uses — temporary files and folders in the
 * site's folder, its inventory versions, keys and plan — and rolls back the plan versions whose inventory
 * version was never committed (the process died between the two writes of one commit), so that no later
 * inventory version with that number can make them live.
 */
final class SiteLeftovers {
    private SiteLeftovers() {
    }

    static void remove(SiteLayout layout) throws IOException {
        boolean removed = false;
        for (Path folder : List.of(layout.directory(), layout.inventoryVersions(), layout.keys(), layout.plan())) {
            for (Path child : Folders.list(folder)) {
                if (Folders.temporary(child)) {
                    Folders.deleteTree(child);
                }
            }
        }
        int live = new InventoryVersions(layout).liveNumber().orElse(0);
        PlanVersions plans = new PlanVersions(layout);
        for (Path file : plans.files()) {
            if (!PlanVersions.committed(file, live)) {
                Folders.deleteTree(file);
                removed = true;
            }
        }
        if (removed) {
            SafeFiles.fsyncDirectory(plans.folder());
        }
    }
}
