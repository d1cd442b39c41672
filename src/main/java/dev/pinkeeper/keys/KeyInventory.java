package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteLock;
import dev.pinkeeper.site.SiteLockException;

/**
 * The key inventory of every site in a {@link StateDirectory}: the library's entry point for keys.
 *
 * <p>Reading ({@link #load}, {@link #history}) takes no lock: it follows the site's {@code live}
 * symlink to an immutable version file. Every change goes through {@link #update} (or
 * {@link #create}, {@link #prune}): it takes the site's lock, writes new key folders and a new
 * version file, then swaps {@code live}; a crash at any point leaves the old or the new version live.
 *
 * <pre>{@code
 * KeyInventory inventory = new KeyInventory(StateDirectory.resolve(null));
 * inventory.create("example", List.of("example.com"), List.of(KeyAlgorithm.EC_P256),
 *         List.of(KeyAlgorithm.RSA_3072, KeyAlgorithm.EC_P256));
 * inventory.update("example", "rollover", change -> change.promoteNext(currentId, change.now()));
 * }</pre>
 */
public final class KeyInventory {
    static final String PRIVATE_KEY_PREFIX = "private";

    static final DateTimeFormatter COMPACT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StateDirectory state;
    private final Clock clock;
    private final Duration lockPatience;

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
    }

    public StateDirectory state() {
        return state;
    }

    Clock clock() {
        return clock;
    }

    /** The names of the sites that have a live inventory, sorted. */
    public List<String> sites() throws InventoryException {
        state.check();
        Path sites = state.sites();
        if (!Files.isDirectory(sites)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(sites)) {
            return children.filter(p -> Files.exists(p.resolve(SiteLayout.LIVE), LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new InventoryException(sites + ": cannot list the sites: " + e.getMessage(), e);
        }
    }

    /** Whether the site has a live inventory. */
    public boolean exists(String site) {
        return Files.exists(layout(site).inventoryLive(), LinkOption.NOFOLLOW_LINKS);
    }

    /** The live inventory version of a site. */
    public SiteInventory load(String site) throws InventoryException {
        Path live = layout(site).inventoryLive();
        if (!Files.exists(live, LinkOption.NOFOLLOW_LINKS)) {
            state.checkSite(site); // a folder this user cannot read is not a missing site
            throw new InventoryException("no site '" + site + "' in " + state.root()
                    + " (create it with: pinkeeper keys init --site " + site + " --domain NAME)");
        }
        SiteInventory inventory = read(live);
        if (!inventory.site().equals(site)) {
            throw new InventoryException(live + ": belongs to site '" + inventory.site() + "', not '" + site + "'");
        }
        return inventory;
    }

    /** Every version of a site's inventory ever written, oldest first (the last one is live). */
    public List<SiteInventory> history(String site) throws InventoryException {
        Path versions = layout(site).inventoryVersions();
        List<SiteInventory> history = new ArrayList<>();
        for (Path file : list(versions)) {
            if (!file.getFileName().toString().startsWith(SafeFiles.TEMPORARY_PREFIX)) {
                history.add(read(file));
            }
        }
        history.sort(Comparator.comparingInt(SiteInventory::version));
        return history;
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
            throw new InventoryException("key " + key.id() + " of site " + site
                    + " is offline: restore it first with: pinkeeper keys backup restore --site " + site);
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
        return transact(site, true, "init", change -> {
            change.setDomains(names);
            for (KeyAlgorithm algorithm : current) {
                change.addCurrent(algorithm, algorithm);
            }
            for (KeyAlgorithm algorithm : backups) {
                change.generate(KeyRole.BACKUP, algorithm, null);
            }
        });
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
        SiteLayout layout = layout(site);
        List<KeyEntry> retired = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        if (!apply) {
            SiteInventory live = load(site);
            collectPrunable(layout, live, retiredBefore, retired, leftovers);
            if (!retired.isEmpty()) {
                guard.beforeRemoving(retired, false);
            }
            return new PruneResult(retired, leftovers, false);
        }
        try (SiteLock lock = SiteLock.acquire(layout, lockPatience)) {
            SiteInventory live = load(site);
            collectPrunable(layout, live, retiredBefore, retired, leftovers);
            if (!retired.isEmpty()) {
                guard.beforeRemoving(retired, true);
                Set<String> removed = new HashSet<>();
                retired.forEach(k -> removed.add(k.id()));
                List<KeyEntry> kept = live.keys().stream().filter(k -> !removed.contains(k.id())).toList();
                commit(layout, new SiteInventory(site, live.domains(), live.version() + 1, clock.instant(),
                        "prune", kept));
            }
            for (KeyEntry key : retired) {
                deleteTree(layout.key(key.id()));
            }
            for (Path leftover : leftovers) {
                deleteTree(leftover);
            }
            if (!retired.isEmpty() || !leftovers.isEmpty()) {
                SafeFiles.fsyncDirectory(layout.keys());
            }
            return new PruneResult(retired, leftovers, true);
        } catch (SiteLockException e) {
            throw new InventoryException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InventoryException(layout.directory() + ": prune failed: " + e.getMessage(), e);
        }
    }

    private void collectPrunable(SiteLayout layout, SiteInventory live, Instant retiredBefore, List<KeyEntry> retired,
            List<Path> leftovers) throws InventoryException {
        Set<String> liveIds = new HashSet<>();
        for (KeyEntry key : live.keys()) {
            liveIds.add(key.id());
            if (key.role() == KeyRole.RETIRED && key.retired() != null && key.retired().isBefore(retiredBefore)) {
                retired.add(key);
            }
        }
        for (Path folder : list(layout.keys())) {
            String name = folder.getFileName().toString();
            if (!liveIds.contains(name) && !name.startsWith(SafeFiles.TEMPORARY_PREFIX)) {
                leftovers.add(folder);
            }
        }
    }

    private SiteInventory transact(String site, boolean creating, String description, InventoryUpdate update)
            throws InventoryException {
        SiteLayout layout = layout(site);
        Path siteDirectory = layout.directory();
        state.check();
        try {
            if (creating) {
                SafeFiles.createPrivateDirectories(siteDirectory);
            } else if (!exists(site)) {
                load(site); // throws the "no site" message
            }
        } catch (IOException e) {
            throw new InventoryException(siteDirectory + ": cannot create the site folder: " + e.getMessage(), e);
        }
        try (SiteLock lock = SiteLock.acquire(layout, lockPatience)) {
            SiteInventory before;
            if (creating) {
                if (exists(site)) {
                    throw new InventoryException("site " + site + " already exists in " + state.root()
                            + " (see: pinkeeper keys list --site " + site + ")");
                }
                before = new SiteInventory(site, List.of(), 0, clock.instant(), "", List.of());
            } else {
                before = load(site);
            }
            removeLeftovers(layout, before);
            InventoryChange change = new InventoryChange(this, site, before);
            update.apply(change);
            if (!change.changed()) {
                return before;
            }
            SiteInventory after = change.result(description);
            check(layout, after);
            commit(layout, after);
            removeLeftovers(layout, after);
            return after;
        } catch (SiteLockException e) {
            throw new InventoryException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InventoryException(siteDirectory + ": " + e.getMessage(), e);
        }
    }

    /** Checks a version before it becomes live: next keys follow current keys, key files exist. */
    private static void check(SiteLayout layout, SiteInventory inventory) throws InventoryException {
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
            if (!key.offline() && !Files.isRegularFile(folder.resolve(key.privateKeyFile()), LinkOption.NOFOLLOW_LINKS)) {
                throw new InventoryException(folder + ": the private key file " + key.privateKeyFile() + " is missing");
            }
        }
        if (inventory.current().isEmpty()) {
            throw new InventoryException("site " + inventory.site() + " would have no current key");
        }
    }

    private void commit(SiteLayout layout, SiteInventory inventory) throws IOException {
        SafeFiles.createPrivateDirectories(layout.inventoryVersions());
        String name = String.format("%06d-%s.json", inventory.version(), VERSION_TIME.format(inventory.written()));
        SafeFiles.writeNewAtomically(layout.inventoryVersion(name), InventoryJson.bytes(inventory));
        SafeFiles.swapSymlink(layout.inventoryLive(), SiteLayout.inventoryLiveTarget(name));
    }

    /**
     * Removes what an interrupted change may have left and that no live version uses: temporary files
     * and folders, and private key files of keys that are offline (an interrupted {@code --offline}
     * export) or that the live version does not name (an interrupted restore).
     */
    private static void removeLeftovers(SiteLayout layout, SiteInventory live) throws IOException {
        for (Path folder : List.of(layout.directory(), layout.inventoryVersions(), layout.keys())) {
            for (Path child : listQuietly(folder)) {
                if (child.getFileName().toString().startsWith(SafeFiles.TEMPORARY_PREFIX)) {
                    deleteTree(child);
                }
            }
        }
        for (KeyEntry key : live.keys()) {
            Path folder = layout.key(key.id());
            boolean removed = false;
            for (Path file : listQuietly(folder)) {
                String name = file.getFileName().toString();
                if (name.startsWith(PRIVATE_KEY_PREFIX) && !name.equals(key.privateKeyFile())) {
                    Files.delete(file);
                    removed = true;
                }
            }
            if (removed) {
                SafeFiles.fsyncDirectory(folder);
            }
        }
    }

    private static List<Path> listQuietly(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(children::add);
        }
        children.sort(Comparator.naturalOrder());
        return children;
    }

    private static List<Path> list(Path folder) throws InventoryException {
        try {
            return listQuietly(folder);
        } catch (IOException e) {
            throw new InventoryException(folder + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            for (Path child : listQuietly(path)) {
                deleteTree(child);
            }
        }
        Files.deleteIfExists(path);
    }

    private static SiteInventory read(Path file) throws InventoryException {
        try {
            return InventoryJson.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InventoryException(file + ": missing inventory version", e);
        } catch (IOException e) {
            throw new InventoryException(file + ": unreadable inventory: " + e.getMessage(), e);
        }
    }
}
