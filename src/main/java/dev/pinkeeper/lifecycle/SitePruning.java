package dev.pinkeeper.lifecycle;

import dev.pinkeeper.deploy.Release;
import dev.pinkeeper.deploy.ReleaseStore;
import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyPruneGuard;
import dev.pinkeeper.keys.PruneResult;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanRetirement;
import dev.pinkeeper.plan.site.PlanService;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteLock;
import dev.pinkeeper.site.SiteTransaction;

/**
 * Removes what a site no longer needs, so that no copy of a pruned private key stays behind:
 * <ul>
 * <li>{@link #pruneKeys}: retired keys with every release that holds one (its {@code privkey.pem} and
 *     HAProxy bundle) and their last certificate; refused ({@link KeyServedException}) while the live
 *     release holds one. The site's lock is held throughout, so no deployment is under way and the
 *     live release is the only one a rollback can return to;</li>
 * <li>{@link #pruneReleases}: all but the newest releases, never the live one.</li>
 * </ul>
 * Each first checks everything, then removes; releases go before the keys, so an interrupted prune
 * leaves at most keys that a second run removes.
 */
public final class SitePruning {
    private final KeyInventory inventory;
    private final PlanService plans;

    /** Over {@code inventory}, with a plan service of its own. */
    public SitePruning(KeyInventory inventory) {
        this(new PlanService(inventory));
    }

    /** Over the plan service's inventory: the plans and keys of one state, as the caller holds them. */
    public SitePruning(PlanService plans) {
        this.inventory = plans.inventory();
        this.plans = plans;
    }

    /** What {@link #pruneKeys} removed, or would remove. */
    public record KeyPrune(PruneResult keys, List<Release> releases) {
        public KeyPrune {
            releases = List.copyOf(releases);
        }
    }

    /**
     * Removes the keys retired before {@code retiredBefore} (and leftover key folders), every release
     * holding one, and their certificates. Without {@code apply}, only says what it would remove.
     *
     * @throws KeyServedException when the live release holds one of those keys (nothing removed)
     */
    public KeyPrune pruneKeys(String site, Instant retiredBefore, boolean apply) throws InventoryException {
        return pruneKeys(site, retiredBefore, apply, Instant.now());
    }

    /**
     * {@link #pruneKeys(String, Instant, boolean)} at {@code at}: refused while a retired plan's pins may still
     * be cached ({@link PinsCachedException}).
     */
    public KeyPrune pruneKeys(String site, Instant retiredBefore, boolean apply, Instant at) throws InventoryException {
        refuseWhilePinsCached(site, at, "keys");
        SiteLayout paths = inventory.layout(site);
        ReleaseStore store = new ReleaseStore(paths);
        List<Release> holding = new ArrayList<>();
        KeyPruneGuard guard = (keys, applying) -> {
            try {
                holding.addAll(releasesHolding(store, site, keys));
            } catch (IOException e) {
                throw new InventoryException(paths.releases() + ": cannot read the releases: " + e.getMessage(), e);
            }
            if (applying) { // staged after the version without the keys: written at the commit, or not at all
                SiteTransaction.current(paths).orElseThrow().onCommit(() -> {
                    for (Release release : holding) {
                        store.remove(release);
                    }
                    for (KeyEntry key : keys) {
                        Path certificate = paths.certificate(key.id());
                        if (Files.deleteIfExists(certificate)) {
                            SafeFiles.fsyncDirectory(certificate.getParent());
                        }
                    }
                });
            }
        };
        if (!apply) {
            return new KeyPrune(inventory.prune(site, retiredBefore, false, guard), holding);
        }
        try (SiteLock lock = inventory.lock(site)) { // no deployment starts while the keys and releases go
            return new KeyPrune(inventory.prune(site, retiredBefore, true, guard), holding);
        }
    }

    /**
     * Removes all releases but the {@code keep} newest and the live one. Without {@code apply}, only
     * says which it would remove.
     *
     * @return the releases removed (or that would be), oldest first
     */
    public List<Release> pruneReleases(String site, int keep, boolean apply) throws IOException, InventoryException {
        return pruneReleases(site, keep, apply, Instant.now());
    }

    /**
     * {@link #pruneReleases(String, int, boolean)} at {@code at}: refused while a retired plan's pins may still
     * be cached ({@link PinsCachedException}): an old release holds a copy of a key such a header pins.
     */
    public List<Release> pruneReleases(String site, int keep, boolean apply, Instant at)
            throws IOException, InventoryException {
        refuseWhilePinsCached(site, at, "releases");
        SiteLayout layout = inventory.layout(site);
        return Files.isDirectory(layout.releases())
                ? new ReleaseStore(layout).prune(keep, apply && !SiteTransaction.dryRun(layout)) : List.of();
    }

    /** Refuses pruning {@code what} of a site whose retired plan's pins a client may still cache at {@code at}. */
    private void refuseWhilePinsCached(String site, Instant at, String what) throws InventoryException {
        Optional<PlanRetirement> retirement;
        try {
            retirement = plans.retirement(site);
        } catch (PlanException e) {
            throw new InventoryException(e.getMessage(), e);
        }
        if (retirement.isPresent() && !retirement.get().over(at)) {
            Instant from = retirement.get().pinsExpireAt();
            throw new PinsCachedException("the plan of site " + site + " is retired, but clients may still cache its"
                    + " pins" + (from == null ? " (the max-age=0 header is not deployed yet)" : " until " + from)
                    + ": every pinned key is kept until then, so no " + what + " are pruned", from);
        }
    }

    /** The releases that hold one of {@code keys}; refuses when the live release is one. */
    private static List<Release> releasesHolding(ReleaseStore store, String site, List<KeyEntry> keys)
            throws IOException, KeyServedException {
        Optional<Release> live = store.live();
        List<Release> holding = new ArrayList<>();
        for (Release release : store.releases()) {
            Set<Pin> served = release.leafPins();
            for (KeyEntry key : keys) {
                if (!served.contains(key.pin())) {
                    continue;
                }
                if (live.map(release::equals).orElse(false)) {
                    throw new KeyServedException("retired key " + key.id() + " of site " + site
                            + " is still served by the live release " + release.name()
                            + ": deploy a release without it first, then prune");
                }
                holding.add(release);
                break;
            }
        }
        return holding;
    }
}
