package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.site.InventoryVersions;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteLock;
import dev.pinkeeper.site.SiteLockException;
import dev.pinkeeper.site.SiteTransaction;

/**
 * The key inventory of every site in a {@link StateDirectory}: the library's entry point for keys and their
 * rules — what keys a site may have ({@link InventoryRules}), its creation ({@link SiteCreation}), each change
 * ({@link InventoryChange}: generation, promotion, retirement), and pruning ({@link KeyPruning}). Where the
 * versions are stored is the site's business ({@link InventoryVersions}).
 *
 * <p>Reading ({@link #load}, {@link #history}) takes no lock: it follows the site's {@code live}
 * symlink to an immutable version file. Every change goes through {@link #update} (or
 * {@link #create}, {@link #prune}): in the site's transaction ({@link SiteTransaction}, under its lock) it
 * stages new key folders and a new version file, then the swap of {@code live}; a crash at any point leaves
 * the old or the new version live.
 *
 * <pre>{@code
 * KeyInventory inventory = new KeyInventory(StateDirectory.resolve(null));
 * inventory.create("example", List.of("example.com"), List.of(KeyAlgorithm.EC_P256),
 *         List.of(KeyAlgorithm.RSA_3072, KeyAlgorithm.EC_P256));
 * inventory.update("example", "rollover", change -> change.promoteNext(currentId, change.now()));
 * }</pre>
 */
public final class KeyInventory {
    static final String PRIVATE_KEY_PREFIX = SiteLayout.KEY_PRIVATE_PREFIX;

    static final DateTimeFormatter COMPACT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final StateDirectory state;
    private final Clock clock;
    private final Duration lockPatience;
    private final InventoryReader reader;

    /** The inventory in this state directory, on the system clock. */
    public KeyInventory(StateDirectory state) {
        this(state, Clock.systemUTC(), SiteLock.DEFAULT_PATIENCE);
    }

    /**
     * @param clock        the time used for ids and timestamps
     * @param lockPatience how long to wait for another process's lock on a site
     */
    public KeyInventory(StateDirectory state, Clock clock, Duration lockPatience) {
        this.state = state;
        this.clock = clock;
        this.lockPatience = lockPatience;
        this.reader = new InventoryReader(state);
    }

    public StateDirectory state() {
        return state;
    }

    /** An inventory of another state directory on the same clock and lock patience (a site staged there, then moved). */
    public KeyInventory withState(StateDirectory other) {
        return new KeyInventory(other, clock, lockPatience);
    }

    Clock clock() {
        return clock;
    }

    /** The names of the sites that have a live inventory, sorted. */
    public List<String> sites() throws InventoryException {
        return reader.sites();
    }

    /** Whether the site has a live inventory. */
    public boolean exists(String site) {
        return reader.exists(site);
    }

    /** The live inventory version of a site. */
    public SiteInventory load(String site) throws InventoryException {
        return reader.load(site);
    }

    /**
     * Every committed version of a site's inventory, oldest first (the last one is live): a version an
     * interrupted change wrote but never made live is not among them.
     */
    public List<SiteInventory> history(String site) throws InventoryException {
        return reader.history(site);
    }

    /** Where the versions of a site's inventory are stored. */
    InventoryVersions versions(String site) {
        return new InventoryVersions(layout(site));
    }

    /**
     * The folder of a site.
     *
     * @throws IllegalArgumentException if the name is not a valid site name
     */
    public Path siteDirectory(String site) {
        return layout(site).directory();
    }

    /**
     * Every path of a site.
     *
     * @throws IllegalArgumentException if the name is not a valid site name
     */
    public SiteLayout layout(String site) {
        return state.layout(site);
    }

    /**
     * Takes the site's lock ({@link SiteLock}: re-entrant, so the changes made while it is held take it
     * again at once): an operation that must see and change the site as one holds it throughout.
     *
     * @throws InventoryException naming the site and the process holding it, when it is not released in time
     */
    public SiteLock lock(String site) throws InventoryException {
        SiteLayout layout = layout(site);
        if (!exists(site)) {
            load(site); // throws the "no site" message
        }
        try {
            return SiteLock.acquire(layout, lockPatience);
        } catch (SiteLockException e) {
            throw new InventoryException(e.getMessage(), e);
        }
    }

    /** The folder holding a key's files ({@code public.pem}, {@code key.json}, its private key). */
    public Path keyDirectory(String site, KeyEntry key) {
        return layout(site).key(key.id());
    }

    /** The private key file of a key, or null when it is offline. */
    public Path privateKeyFile(String site, KeyEntry key) {
        return key.offline() ? null : keyDirectory(site, key).resolve(key.privateKeyFile());
    }

    /**
     * Reads a key's private key, refusing a file that group or others can read and checking it
     * against the key's pin.
     *
     * @throws InventoryException if the key is compromised, offline, unreadable, insecure or does not match
     */
    public KeyPair keyPair(String site, KeyEntry key) throws InventoryException {
        key.requireUsable();
        if (key.offline()) {
            throw InventoryException.offline(site, key);
        }
        return PrivateKeyFile.read(privateKeyFile(site, key), key.pin());
    }

    /**
     * Creates a site: one current key per {@code current} algorithm, each with its next key of the same
     * algorithm, and one backup per {@code backups} algorithm. Domains are lower-cased and checked.
     *
     * @throws InventoryException if the site exists or has fewer than two backups
     */
    public SiteInventory create(String site, List<String> domains, List<KeyAlgorithm> current,
            List<KeyAlgorithm> backups) throws InventoryException {
        return new SiteCreation(this).create(site, domains, current, backups);
    }

    /**
     * Creates a site whose first version {@code update} makes (a site recreated from its offline backups
     * on a new machine): the same checks as every version (a current key, next keys that follow one).
     * A creation that fails leaves nothing of the site.
     *
     * @throws InventoryException if the site exists or the update fails
     */
    public SiteInventory createWith(String site, String description, InventoryUpdate update) throws InventoryException {
        return new SiteCreation(this).createWith(site, description, update);
    }

    /**
     * Changes a site in one transaction under its lock: {@code update} works on an
     * {@link InventoryChange}; if it returns normally and changed something, the new version becomes
     * live atomically, otherwise nothing changes.
     *
     * @param description what the change does, recorded in the version (e.g. {@code rollover})
     * @return the live version after the change
     */
    public SiteInventory update(String site, String description, InventoryUpdate update) throws InventoryException {
        return transact(site, false, description, update);
    }

    /**
     * Removes retired keys retired before {@code retiredBefore}, and leftover key folders that no live
     * inventory names. Without {@code apply}, only reports what it would remove.
     */
    public PruneResult prune(String site, Instant retiredBefore, boolean apply) throws InventoryException {
        return prune(site, retiredBefore, apply, KeyPruneGuard.NONE);
    }

    /**
     * {@link #prune(String, Instant, boolean)}, with {@code guard} asked first (under the site's lock
     * when applying) about the retired keys to remove: it may refuse, and removes what else holds them.
     */
    public PruneResult prune(String site, Instant retiredBefore, boolean apply, KeyPruneGuard guard)
            throws InventoryException {
        return new KeyPruning(this).prune(site, retiredBefore, apply, guard);
    }

    /**
     * Runs {@code update} in the site's transaction (opened here or joined): a new site when
     * {@code creating} (refused if it exists), else a change of its live version.
     */
    SiteInventory transact(String site, boolean creating, String description, InventoryUpdate update)
            throws InventoryException {
        state.check();
        if (!creating && !exists(site)) {
            load(site); // throws the "no site" message
        }
        try (SiteTransaction transaction = transaction(site)) {
            SiteInventory before;
            if (creating) {
                if (exists(site)) {
                    throw new InventoryException(ErrorKind.USAGE, "site " + site + " already exists in "
                            + state.root(), null, Remedy.run(Remedy.Operation.KEYS_LIST, site));
                }
                before = new SiteInventory(site, List.of(), 0, clock.instant(), "", List.of());
            } else {
                before = load(site);
            }
            InventoryChange change = change(transaction, before);
            update.apply(change);
            SiteInventory after = stage(change, description);
            commit(transaction);
            return after;
        }
    }

    /**
     * Opens the site's transaction ({@link SiteTransaction#open}: takes its lock), or joins the one open on
     * this thread. Changes made in it ({@link #change}, {@link #stage}) are written at its commit.
     *
     * @throws InventoryException naming the site and the process holding its lock, when it is not released in time
     */
    public SiteTransaction transaction(String site) throws InventoryException {
        SiteLayout layout = layout(site);
        try {
            return SiteTransaction.open(layout, lockPatience);
        } catch (SiteLockException e) {
            throw new InventoryException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InventoryException(e.getMessage(), e);
        }
    }

    /** Starts a change of the site's live version in {@code transaction}, removing an interrupted change's leftovers. */
    public InventoryChange change(SiteTransaction transaction) throws InventoryException {
        return change(transaction, load(transaction.layout().site()));
    }

    private InventoryChange change(SiteTransaction transaction, SiteInventory before) throws InventoryException {
        if (!transaction.dryRun()) {
            KeyLeftovers.removeOrFail(transaction.layout(), before);
        }
        return new InventoryChange(this, transaction, before.site(), before);
    }

    /**
     * Checks the version {@code change} makes and stages it in its transaction, after the writes staged
     * before (the new keys' folders, a plan version): at the commit it becomes live atomically. A change
     * that changed nothing stages nothing.
     *
     * @return the version live after the commit
     */
    public SiteInventory stage(InventoryChange change, String description) throws InventoryException {
        if (!change.changed()) {
            return change.before();
        }
        SiteInventory after = change.result(description);
        SiteLayout layout = layout(after.site());
        InventoryRules.check(layout, after, change::staged);
        stage(change.transaction(), after);
        change.transaction().onCommit(() -> KeyLeftovers.remove(layout, after));
        return after;
    }

    /** Stages {@code after} as the site's next version in {@code transaction}: live at the commit. */
    void stage(SiteTransaction transaction, SiteInventory after) throws InventoryException {
        try {
            versions(after.site()).stage(transaction, after.version(), after.written(), InventoryJson.bytes(after));
        } catch (IOException e) {
            throw new InventoryException("site " + after.site() + ": cannot write the inventory: " + e.getMessage(), e);
        }
    }

    /** Commits {@code transaction}, a failed write becoming an {@link InventoryException}. */
    public static void commit(SiteTransaction transaction) throws InventoryException {
        try {
            transaction.commit();
        } catch (IOException e) {
            throw new InventoryException(transaction.layout().directory() + ": " + e.getMessage(), e);
        }
    }
}
