package dev.pinkeeper.site.archive;

import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;

/**
 * Writes a whole site as one encrypted file ({@link SiteArchive}), for a copy off the machine that
 * {@link SiteImport} restores whole: the key inventory and every version of it, the plan and its
 * history, the settings, the ACME account keys, the issued certificates and the releases. The private
 * key of an offline key is not on this machine and is not in it (its encrypted backup is the copy);
 * every other private key is. Locks, temporaries and files of keys the live inventory no longer names
 * are left out. The file is written 0600, never over an existing file.
 *
 * <pre>{@code
 * SiteExport.Exported exported = new SiteExport(inventory).export("example", Path.of("/media/usb/example.site"), passphrase);
 * }</pre>
 */
public final class SiteExport {

    private final KeyInventory inventory;
    private final Clock clock;

    public SiteExport(KeyInventory inventory) {
        this(inventory, Clock.systemUTC());
    }

    public SiteExport(KeyInventory inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    /**
     * What an export wrote.
     *
     * @param file        the archive
     * @param archive     what it holds
     * @param offlineKeys the keys whose private half it does not hold (offline only)
     */
    public record Exported(Path file, SiteArchive archive, List<KeyEntry> offlineKeys) {
    }

    /**
     * Exports {@code site} to {@code file} (absent; its folder must exist) encrypted under {@code passphrase}.
     *
     * @throws InventoryException if the site does not exist, the file exists, or the site kept changing
     */
    public Exported export(String site, Path file, char[] passphrase) throws InventoryException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InventoryException(file + ": exists already; the export never replaces a file");
        }
        SiteArchive archive = read(site);
        byte[] sealed = archive.seal(passphrase);
        try {
            SafeFiles.writeNewAtomically(file, sealed);
        } catch (IOException e) {
            throw new InventoryException(file + ": cannot write the site archive: " + e.getMessage(), e);
        }
        List<KeyEntry> offline = inventory.load(site).keys().stream().filter(KeyEntry::offline).toList();
        return new Exported(file, archive, offline);
    }

    /**
     * The site as an archive, read under the site's lock: no key, plan, setting or release changes while it is
     * read, so the archive is one state of the site.
     */
    public SiteArchive read(String site) throws InventoryException {
        try (SiteLock lock = inventory.lock(site)) {
            return walk(site, inventory.siteDirectory(site), inventory.load(site));
        } catch (IOException e) {
            throw new InventoryException(inventory.siteDirectory(site) + ": cannot read the site: " + e.getMessage(), e);
        }
    }

    private SiteArchive walk(String site, Path folder, SiteInventory live) throws IOException {
        SiteLayout layout = new SiteLayout(site, folder);
        Path lock = folder.relativize(layout.lock());
        Path keyFolders = folder.relativize(layout.keys());
        Map<String, KeyEntry> keys = new HashMap<>();
        live.keys().forEach(k -> keys.put(k.id(), k));
        List<SiteArchive.Entry> entries = new ArrayList<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.filter(p -> !p.equals(folder)).sorted().toList();
        }
        for (Path path : paths) {
            Path relative = folder.relativize(path);
            if (!exported(relative, lock, keyFolders, keys)) {
                continue;
            }
            String name = relative.toString().replace('\\', '/');
            if (Files.isSymbolicLink(path)) {
                entries.add(new SiteArchive.Entry(name, SiteArchive.Type.SYMLINK, null, null,
                        Files.readSymbolicLink(path).toString()));
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                entries.add(new SiteArchive.Entry(name, SiteArchive.Type.DIRECTORY, mode(path), null, null));
            } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                entries.add(new SiteArchive.Entry(name, SiteArchive.Type.FILE, mode(path), Files.readAllBytes(path), null));
            }
        }
        return new SiteArchive(site, clock.instant(), entries);
    }

    /**
     * Whether a path of the site's folder goes into the archive: no hidden or temporary name (a lock, a
     * staging folder), no lock file, in {@code keys/} only the folders of keys the live inventory names and
     * in them only the private key file the inventory records (none for an offline key).
     */
    private static boolean exported(Path relative, Path lock, Path keyFolders, Map<String, KeyEntry> keys) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        if (relative.equals(lock)) {
            return false;
        }
        if (relative.startsWith(keyFolders) && !relative.equals(keyFolders)) {
            Path inside = keyFolders.relativize(relative);
            KeyEntry key = keys.get(inside.getName(0).toString());
            if (key == null) {
                return false;
            }
            if (inside.getNameCount() == 2) {
                String file = inside.getName(1).toString();
                return !file.startsWith("private") || file.equals(key.privateKeyFile());
            }
            return inside.getNameCount() == 1;
        }
        return true;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
