package dev.pinkeeper.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

import dev.pinkeeper.files.SafeFiles;

/**
 * A site's creation that never committed: the process creating it died (kill -9, power loss) before the site's
 * first key inventory version became live, leaving a site folder without a {@code live} symlink that would
 * block the next creation or import of the site.
 *
 * <p>A creation marks the folder ({@link #begin}, under the site's lock) before it writes anything else there,
 * and removes the mark once the site is committed ({@link #end}). A folder without a live version is an
 * uncommitted creation when it carries the mark, or when it holds nothing but the lock file and temporary
 * files (the process died before the mark). Any other folder is never removed here: a folder with a live
 * version is a committed site, and one without a live version but with other files may be a committed site
 * whose symlink was lost.
 */
public final class UncommittedCreation {
    private UncommittedCreation() {
    }

    /** Marks the site's folder as a creation under way (durably: the mark is on disk before anything else). */
    public static void begin(SiteLayout layout) throws IOException {
        if (!Files.exists(layout.creationMark(), LinkOption.NOFOLLOW_LINKS)) {
            SafeFiles.writeNew(layout.creationMark(), new byte[0], SafeFiles.PRIVATE_FILE);
            SafeFiles.fsyncDirectory(layout.directory());
        }
    }

    /** Removes the mark of a creation whose first version is live. */
    public static void end(SiteLayout layout) throws IOException {
        if (Files.deleteIfExists(layout.creationMark())) {
            SafeFiles.fsyncDirectory(layout.directory());
        }
    }

    /**
     * Whether the site's folder holds a creation that never committed (read without the lock: a creation
     * under way is one too, until it commits).
     */
    public static boolean is(SiteLayout layout) throws IOException {
        Path folder = layout.directory();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                || Files.exists(layout.inventoryLive(), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.exists(layout.creationMark(), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        for (Path child : Folders.list(folder)) {
            if (!child.getFileName().equals(layout.lock().getFileName()) && !Folders.temporary(child)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Removes the site's folder, lock file included, when it holds a creation that never committed: under the
     * site's lock (so never a creation still under way), checked again once the lock is held.
     *
     * @param patience how long to wait for a process holding the site's lock
     * @return whether the folder was removed
     * @throws SiteLockException when a process holds the site's lock longer than {@code patience}
     */
    public static boolean remove(SiteLayout layout, Duration patience) throws IOException {
        if (!is(layout)) {
            return false;
        }
        try (SiteLock lock = SiteLock.acquire(layout, patience)) {
            if (!is(layout)) {
                return false; // committed meanwhile
            }
            Folders.deleteTree(layout.directory());
            SafeFiles.fsyncDirectory(layout.directory().getParent());
            return true;
        }
    }

    /**
     * Empties the site's folder, but for its lock file, when it holds a creation that never committed: run under
     * the site's lock, before a new creation goes on in the folder.
     *
     * @return whether it was one
     */
    static boolean clear(SiteLayout layout) throws IOException {
        if (!is(layout)) {
            return false;
        }
        for (Path child : Folders.list(layout.directory())) {
            if (!child.getFileName().equals(layout.lock().getFileName())) {
                Folders.deleteTree(child);
            }
        }
        SafeFiles.fsyncDirectory(layout.directory());
        return true;
    }
}
