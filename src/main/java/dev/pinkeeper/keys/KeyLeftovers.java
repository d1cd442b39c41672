package dev.pinkeeper.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.site.Folders;
import dev.pinkeeper.site.SiteLayout;

/**
 * The private key files an interrupted change may have left and that the live version does not use:
 * those of keys that are offline (an interrupted {@code --offline} export) or whose file the live version
 * does not name (an interrupted restore). The site's own crash cleanup removes the temporary files.
 */
final class KeyLeftovers {
    private KeyLeftovers() {
    }

    /** Removes them (under the site's lock). */
    static void remove(SiteLayout layout, SiteInventory live) throws IOException {
        for (KeyEntry key : live.keys()) {
            Path folder = layout.key(key.id());
            boolean removed = false;
            for (Path file : Folders.list(folder)) {
                String name = file.getFileName().toString();
                if (name.startsWith(KeyInventory.PRIVATE_KEY_PREFIX) && !name.equals(key.privateKeyFile())) {
                    Files.delete(file);
                    removed = true;
                }
            }
            if (removed) {
                SafeFiles.fsyncDirectory(folder);
            }
        }
    }

    /** {@link #remove(SiteLayout, SiteInventory)}, a failure naming the site's folder. */
    static void removeOrFail(SiteLayout layout, SiteInventory live) throws InventoryException {
        try {
            remove(layout, live);
        } catch (IOException e) {
            throw new InventoryException(layout.directory() + ": " + e.getMessage(), e);
        }
    }
}
