package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.site.InventoryVersions;
import dev.pinkeeper.site.SiteLayout;

/**
 * Reads the key inventories of a state directory without a lock: the {@code live} symlink of a site leads to an
 * immutable version file ({@link InventoryVersions}).
 */
final class InventoryReader {
    private final StateDirectory state;

    InventoryReader(StateDirectory state) {
        this.state = state;
    }

    /** The names of the sites that have a live inventory, sorted. */
    List<String> sites() throws InventoryException {
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

    boolean exists(String site) {
        return versions(site).exists();
    }

    SiteInventory load(String site) throws InventoryException {
        InventoryVersions versions = versions(site);
        if (!versions.exists()) {
            state.checkSite(site); // a folder this user cannot read is not a missing site
            throw new InventoryException(ErrorKind.USAGE, "no site '" + site + "' in " + state.root(), null,
                    Remedy.run(Remedy.Operation.KEYS_INIT, site));
        }
        SiteInventory inventory = read(versions.live());
        if (!inventory.site().equals(site)) {
            throw new InventoryException(versions.live() + ": belongs to site '" + inventory.site() + "', not '"
                    + site + "'");
        }
        return inventory;
    }

    List<SiteInventory> history(String site) throws InventoryException {
        InventoryVersions versions = versions(site);
        List<Path> files;
        try {
            files = versions.committed();
        } catch (IOException e) {
            throw new InventoryException(state.layout(site).inventoryVersions() + ": cannot list: " + e.getMessage(), e);
        }
        List<SiteInventory> history = new ArrayList<>();
        for (Path file : files) {
            history.add(read(file));
        }
        history.sort(Comparator.comparingInt(SiteInventory::version));
        return history;
    }

    private InventoryVersions versions(String site) {
        return new InventoryVersions(state.layout(site));
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
