package dev.pinkeeper.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.pinkeeper.files.SafeFiles;

/**
 * The numbered, immutable versions of a site's key inventory ({@link SiteLayout#inventoryVersions}) and the
 * {@code live} symlink to the one in force: how they are named, listed, read and committed. What a version
 * says is the key inventory's business; this class stores bytes.
 *
 * <p>A version is written inside the site's {@link SiteTransaction}: {@link #stage} writes the new file at
 * the commit ({@link SafeFiles#writeNewAtomically}) and then swaps {@code live} to it, so a crash leaves
 * the old or the new version live. A version file numbered above the live one (or numbered as the live one,
 * but not its target) was never committed: {@link #committed} leaves it out, and the site's crash cleanup
 * ({@link SiteLeftovers}) removes it.
 */
public final class InventoryVersions {
    private final SiteLayout layout;

    public InventoryVersions(SiteLayout layout) {
        this.layout = layout;
    }

    /** Whether the site has a live version. */
    public boolean exists() {
        return Files.exists(layout.inventoryLive(), LinkOption.NOFOLLOW_LINKS);
    }

    /** The {@code live} symlink. */
    public Path live() {
        return layout.inventoryLive();
    }

    /** The number of the live version, read from the {@code live} symlink's target; empty when there is none. */
    public OptionalInt liveNumber() throws IOException {
        Optional<String> live = liveName();
        return live.isEmpty() ? OptionalInt.empty() : SiteLayout.inventoryVersionNumber(Path.of(live.get()));
    }

    /**
     * Every version file (the committed ones and those an interrupted change left), sorted by name: regular files
     * only, so that something else under a version's name (never written by pinkeeper) is neither read nor removed.
     */
    public List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path file : Folders.list(layout.inventoryVersions())) {
            if (SiteLayout.inventoryVersionNumber(file).isPresent()
                    && Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                files.add(file);
            }
        }
        return files;
    }

    /**
     * The committed version files, oldest first: those numbered below the live version and the live one
     * itself (empty when there is none). Read without the lock: the live version is read first, so a version
     * being committed meanwhile is not among them.
     */
    public List<Path> committed() throws IOException {
        Optional<String> live = liveName();
        if (live.isEmpty()) {
            return List.of();
        }
        int liveNumber = SiteLayout.inventoryVersionNumber(Path.of(live.get())).getAsInt();
        List<Path> committed = new ArrayList<>();
        for (Path file : files()) {
            int number = SiteLayout.inventoryVersionNumber(file).getAsInt();
            if (number < liveNumber || file.getFileName().toString().equals(live.get())) {
                committed.add(file);
            }
        }
        return committed;
    }

    /**
     * The version files an interrupted change left and that never became live: every file but the
     * {@link #committed} ones (every file when the site has no live version).
     */
    public List<Path> uncommitted() throws IOException {
        List<Path> committed = committed();
        List<Path> uncommitted = new ArrayList<>(files());
        uncommitted.removeAll(committed);
        return uncommitted;
    }

    /** The file name of the live version, read from the {@code live} symlink once; empty when there is none. */
    private Optional<String> liveName() throws IOException {
        if (!exists()) {
            return Optional.empty();
        }
        Path target = Files.readSymbolicLink(layout.inventoryLive());
        if (SiteLayout.inventoryVersionNumber(target).isEmpty()) {
            throw new IOException(layout.inventoryLive() + ": points to " + target + ", not an inventory version");
        }
        return Optional.of(target.getFileName().toString());
    }

    /**
     * Stages version {@code number} in {@code transaction}: at the commit its file is written (never
     * replacing one) and {@code live} swapped to it.
     */
    public void stage(SiteTransaction transaction, int number, Instant written, byte[] bytes) {
        transaction.onCommit(() -> commit(number, written, bytes));
    }

    private void commit(int number, Instant written, byte[] bytes) throws IOException {
        SafeFiles.createPrivateDirectories(layout.inventoryVersions());
        Path file = layout.inventoryVersion(number, written);
        SafeFiles.writeNewAtomically(file, bytes);
        SafeFiles.swapSymlink(layout.inventoryLive(), SiteLayout.inventoryLiveTarget(file.getFileName().toString()));
    }
}
