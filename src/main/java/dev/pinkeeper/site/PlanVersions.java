package dev.pinkeeper.site;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

import dev.pinkeeper.files.SafeFiles;

/**
 * The numbered, immutable versions of a site's plan ({@link SiteLayout#plan}), each named with the number of
 * the key inventory version it belongs to ({@link SiteLayout#planVersion}). A plan version is written at the
 * commit before that inventory version ({@link InventoryVersions}); it counts only once that inventory
 * version is committed ({@link #committed}), and one whose inventory version never was is rolled back at
 * the next transaction ({@link SiteLeftovers}). Versions written before this rule have no inventory number.
 */
public final class PlanVersions {
    private final SiteLayout layout;

    public PlanVersions(SiteLayout layout) {
        this.layout = layout;
    }

    /** The folder of the plan versions. */
    public Path folder() {
        return layout.plan();
    }

    /** Every plan version file, committed or not, by number. */
    public List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path file : Folders.list(folder())) {
            if (SiteLayout.planVersionName(file) != null) {
                files.add(file);
            }
        }
        files.sort(Comparator.comparingInt(PlanVersions::number));
        return files;
    }

    /** The number of the next version. */
    public int nextNumber() throws IOException {
        List<Path> files = files();
        return files.isEmpty() ? 1 : number(files.get(files.size() - 1)) + 1;
    }

    /** The plan version number of a version file. */
    public static int number(Path file) {
        return name(file).number();
    }

    /** The number of the inventory version a plan version file belongs to (empty for a version from before the rule). */
    public static OptionalInt inventoryNumber(Path file) {
        return name(file).inventory();
    }

    /**
     * Whether a plan version's inventory version is committed, {@code liveInventory} being the live
     * inventory version's number (0 when there is none).
     */
    public static boolean committed(Path file, int liveInventory) {
        OptionalInt inventory = inventoryNumber(file);
        return inventory.isEmpty() || inventory.getAsInt() <= liveInventory;
    }

    /**
     * Stages version {@code number} in {@code transaction}, written at the commit (never replacing a file).
     *
     * @param inventoryNumber the number of the inventory version live after the commit: asked at the
     *                        commit, once every change of the transaction is known
     */
    public void stage(SiteTransaction transaction, int number, Instant written, IntSupplier inventoryNumber,
            byte[] bytes) {
        Path folder = folder();
        transaction.onCommit(() -> {
            try {
                SafeFiles.createPrivateDirectories(folder);
                SafeFiles.writeNewAtomically(layout.planVersion(number, written, inventoryNumber.getAsInt()), bytes);
            } catch (IOException e) {
                throw new IOException(folder + ": cannot write the plan: " + e.getMessage(), e);
            }
        });
    }

    private static SiteLayout.PlanVersionName name(Path file) {
        SiteLayout.PlanVersionName name = SiteLayout.planVersionName(file);
        if (name == null) {
            throw new IllegalArgumentException(file + ": not a plan version");
        }
        return name;
    }
}
