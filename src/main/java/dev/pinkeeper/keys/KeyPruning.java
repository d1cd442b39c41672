package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.site.Folders;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteTransaction;

/**
 * The pruning rules of a site's keys ({@link KeyInventory#prune}): a retired key may go once it was retired
 * before a given instant, and a key folder no live version names is a leftover. Applied, it is one change
 * of the site's transaction like every other: the version without those keys, then what the guard removes,
 * then the key folders, all staged and written at the commit (nothing in a dry run or when a step fails).
 */
final class KeyPruning {
    private final KeyInventory inventory;

    KeyPruning(KeyInventory inventory) {
        this.inventory = inventory;
    }

    PruneResult prune(String site, Instant retiredBefore, boolean apply, KeyPruneGuard guard) throws InventoryException {
        SiteLayout layout = inventory.layout(site);
        if (!apply) {
            Prunable prunable = prunable(layout, inventory.load(site), retiredBefore);
            if (!prunable.retired.isEmpty()) {
                guard.beforeRemoving(prunable.retired, false);
            }
            return new PruneResult(prunable.retired, prunable.leftovers, false);
        }
        try (SiteTransaction transaction = inventory.transaction(site)) {
            boolean writing = !transaction.dryRun();
            SiteInventory live = inventory.load(site);
            Prunable prunable = prunable(layout, live, retiredBefore);
            if (!prunable.retired.isEmpty()) {
                Set<String> removed = new HashSet<>();
                prunable.retired.forEach(k -> removed.add(k.id()));
                List<KeyEntry> kept = live.keys().stream().filter(k -> !removed.contains(k.id())).toList();
                inventory.stage(transaction, new SiteInventory(site, live.domains(), live.version() + 1,
                        inventory.clock().instant(), "prune", kept));
                guard.beforeRemoving(prunable.retired, writing);
            }
            transaction.onCommit(() -> removeFolders(layout, prunable));
            KeyInventory.commit(transaction);
            return new PruneResult(prunable.retired, prunable.leftovers, writing);
        }
    }

    private static void removeFolders(SiteLayout layout, Prunable prunable) throws IOException {
        for (KeyEntry key : prunable.retired) {
            Folders.deleteTree(layout.key(key.id()));
        }
        for (Path leftover : prunable.leftovers) {
            Folders.deleteTree(leftover);
        }
        if (!prunable.retired.isEmpty() || !prunable.leftovers.isEmpty()) {
            SafeFiles.fsyncDirectory(layout.keys());
        }
    }

    private record Prunable(List<KeyEntry> retired, List<Path> leftovers) {
    }

    private static Prunable prunable(SiteLayout layout, SiteInventory live, Instant retiredBefore)
            throws InventoryException {
        List<KeyEntry> retired = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        Set<String> liveIds = new HashSet<>();
        for (KeyEntry key : live.keys()) {
            liveIds.add(key.id());
            if (key.role() == KeyRole.RETIRED && key.retired() != null && key.retired().isBefore(retiredBefore)) {
                retired.add(key);
            }
        }
        try {
            for (Path folder : Folders.list(layout.keys())) {
                String name = folder.getFileName().toString();
                if (!liveIds.contains(name) && !Folders.temporary(folder)) {
                    leftovers.add(folder);
                }
            }
        } catch (IOException e) {
            throw new InventoryException(layout.keys() + ": cannot list: " + e.getMessage(), e);
        }
        return new Prunable(retired, leftovers);
    }
}
