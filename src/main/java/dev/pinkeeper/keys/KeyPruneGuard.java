package dev.pinkeeper.keys;

import java.util.List;

/**
 * What else must go, or what forbids it, when retired keys are pruned: {@link KeyInventory#prune}
 * calls it with the keys it is about to remove (in the site's transaction when it applies), before it
 * removes anything. It refuses by throwing; when {@code apply} is true it stages, in the site's transaction
 * ({@link dev.pinkeeper.site.SiteTransaction#current}), the removal of what holds the keys outside the
 * inventory (e.g. the releases that serve them), so that no copy of a pruned key is left once it commits.
 */
@FunctionalInterface
public interface KeyPruneGuard {
    /** A guard with nothing else to remove. */
    KeyPruneGuard NONE = (keys, apply) -> { };

    /**
     * @param keys  the retired keys to prune (never empty)
     * @param apply false for a dry run: check and report only; true: stage the removals
     * @throws InventoryException to refuse the prune (nothing is removed)
     */
    void beforeRemoving(List<KeyEntry> keys, boolean apply) throws InventoryException;
}
