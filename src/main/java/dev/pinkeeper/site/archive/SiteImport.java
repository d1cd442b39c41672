package dev.pinkeeper.site.archive;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.pinkeeper.deploy.Release;
import dev.pinkeeper.deploy.ReleaseStore;
import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.PrivateKeyFile;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteLock;
import dev.pinkeeper.site.UncommittedCreation;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.StoredPlan;

/**
 * Restores a site whole from a {@link SiteExport} archive into a state directory, as it was: same
 * keys, inventory versions, plan history, settings, certificates and releases.
 *
 * <p>Nothing of the state directory changes before everything is checked: the archive is decrypted
 * and its entries checked ({@link SiteArchive#open}), then written into a hidden staging folder
 * beside the sites, where the site is read back with the same classes every command uses (every
 * inventory and plan version, each online private key against its pin and its mode, the settings,
 * every release's chains); only then is the staging folder renamed into place, atomically. A site that
 * exists already is refused, and so is anything the checks refuse: the staging folder is removed and
 * the state directory is as before. The folder a creation of the site left without committing it (its
 * process died) is no site: it is removed ({@link UncommittedCreation}).
 */
public final class SiteImport {
    private final StateDirectory state;

    public SiteImport(StateDirectory state) {
        this.state = state;
    }

    /**
     * What an import restored.
     *
     * @param site      the site's folder
     * @param inventory its live key inventory
     * @param plan      its live plan, if it has one
     * @param releases  how many releases it holds
     * @param dryRun    true when everything was checked and nothing kept
     */
    public record Imported(Path site, SiteInventory inventory, Optional<StoredPlan> plan, int releases, boolean dryRun) {
    }

    /**
     * Decrypts {@code file}, checks it and restores its site (see the class description).
     *
     * @param dryRun check everything, keep nothing
     * @throws InventoryException naming the problem: the site exists, the archive is damaged or inconsistent
     * @throws dev.pinkeeper.keys.backup.WrongPassphraseException if the passphrase is wrong
     */
    public Imported restore(Path file, char[] passphrase, boolean dryRun) throws InventoryException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InventoryException(file + ": cannot read: " + e.getMessage(), e);
        }
        return restore(SiteArchive.open(bytes, passphrase), dryRun);
    }

    /** Restores an opened archive (see {@link #restore(Path, char[], boolean)}). */
    public Imported restore(SiteArchive archive, boolean dryRun) throws InventoryException {
        String site = archive.site();
        state.check();
        Path target = state.site(site);
        if (!creationLeftover(site, dryRun)) {
            refuseExisting(target, site);
        }
        Path sites = state.sites();
        boolean createdRoot = !Files.exists(state.root(), LinkOption.NOFOLLOW_LINKS);
        boolean createdSites = !Files.exists(sites, LinkOption.NOFOLLOW_LINKS);
        Path staging = SafeFiles.temporarySibling(target);
        boolean moved = false;
        try {
            SafeFiles.createPrivateDirectories(sites);
            SafeFiles.createPrivateDirectory(staging);
            Path stagedSite = SiteLayout.of(staging, site).directory();
            SafeFiles.createPrivateDirectory(SiteLayout.sites(staging));
            archive.writeTo(stagedSite);
            Imported checked = check(new KeyInventory(new StateDirectory(staging)), site);
            if (dryRun) {
                return new Imported(target, checked.inventory(), checked.plan(), checked.releases(), true);
            }
            refuseExisting(target, site);
            SafeFiles.moveNew(stagedSite, target);
            moved = true;
            return new Imported(target, checked.inventory(), checked.plan(), checked.releases(), false);
        } catch (FileAlreadyExistsException e) {
            throw new InventoryException("site " + site + " exists already in " + state.root() + ": nothing imported", e);
        } catch (IOException e) {
            throw new InventoryException(target + ": cannot restore the site: " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
            if (!moved) {
                deleteEmpty(createdSites ? sites : null);
                deleteEmpty(createdRoot ? state.root() : null);
            }
        }
    }

    /**
     * Whether the site's folder is what a creation that never committed left ({@link UncommittedCreation}),
     * removing it unless {@code dryRun}.
     */
    private boolean creationLeftover(String site, boolean dryRun) throws InventoryException {
        SiteLayout layout = state.layout(site);
        try {
            return dryRun ? UncommittedCreation.is(layout) : UncommittedCreation.remove(layout, SiteLock.DEFAULT_PATIENCE);
        } catch (IOException e) {
            throw new InventoryException(layout.directory() + ": " + e.getMessage(), e);
        }
    }

    private void refuseExisting(Path target, String site) throws InventoryException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InventoryException("site " + site + " exists already in " + state.root()
                    + ": an import never replaces a site (import into another state directory, or remove it first)");
        }
    }

    /** Reads the staged site back as every command would: any problem refuses the import. */
    private static Imported check(KeyInventory staged, String site) throws InventoryException, IOException {
        SiteInventory live = staged.load(site);
        staged.history(site);
        for (KeyEntry key : live.keys()) {
            if (!key.offline()) {
                PrivateKeyFile.read(staged.privateKeyFile(site, key), key.pin());
            }
        }
        Optional<StoredPlan> plan;
        try {
            PlanService plans = new PlanService(staged);
            plans.store().versions(site);
            plan = plans.store().live(live);
        } catch (PlanException e) {
            throw new InventoryException("the site archive's plan: " + e.getMessage(), e);
        }
        SiteLayout paths = staged.layout(site);
        SiteSettingsStore settings = new SiteSettingsStore(paths);
        settings.acme();
        settings.deploy();
        List<Release> releases = new ReleaseStore(paths).releases();
        for (Release release : releases) {
            release.chains();
        }
        new ReleaseStore(paths).live();
        return new Imported(staged.siteDirectory(site), live, plan, releases.size(), false);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a staging folder left behind is hidden and harmless; the next import uses another name
        }
    }

    private static void deleteEmpty(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // not empty (another process wrote there meanwhile): kept
        }
    }
}
