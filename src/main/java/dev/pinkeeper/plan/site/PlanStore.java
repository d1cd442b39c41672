package dev.pinkeeper.plan.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.pinkeeper.keys.InventoryChange;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.site.InventoryVersions;
import dev.pinkeeper.site.PlanVersions;

/**
 * The plan versions of each site, stored by {@link PlanVersions}. A version is never changed once written; the
 * live one is the highest-numbered version that belongs to a committed key inventory version (one written for a
 * key change whose inventory version was never committed, the process having died in between, never becomes
 * live, and is rolled back at the next transaction) and whose keys all exist in the live key inventory.
 */
public final class PlanStore {
    private final KeyInventory inventory;

    public PlanStore(KeyInventory inventory) {
        this.inventory = inventory;
    }

    /** The folder of a site's plan versions. */
    public Path folder(String site) {
        return versionsOf(site).folder();
    }

    /** The live plan of a site whose live inventory is {@code live}, if it has one. */
    public Optional<StoredPlan> live(SiteInventory live) throws PlanException {
        Set<String> ids = new HashSet<>();
        live.keys().forEach(k -> ids.add(k.id()));
        List<Path> files = versionFiles(live.site());
        for (int i = files.size() - 1; i >= 0; i--) {
            if (!PlanVersions.committed(files.get(i), live.version())) {
                continue;
            }
            StoredPlan plan = read(files.get(i));
            if (ids.containsAll(plan.keyIds())) {
                return Optional.of(plan);
            }
        }
        return Optional.empty();
    }

    /**
     * Every committed plan version (live or not), oldest first: one written for a key inventory version that
     * was never committed (the process died in between) is not among them. Read without the lock: the live
     * inventory version is read first, so a change being committed meanwhile is not among them either.
     */
    public List<StoredPlan> versions(String site) throws PlanException {
        InventoryVersions inventoryVersions = new InventoryVersions(inventory.layout(site));
        int live;
        try {
            live = inventoryVersions.liveNumber().orElse(0);
        } catch (IOException e) {
            throw new PlanException(e.getMessage(), e);
        }
        List<StoredPlan> plans = new ArrayList<>();
        for (Path file : versionFiles(site)) {
            if (PlanVersions.committed(file, live)) {
                plans.add(read(file));
            }
        }
        return plans;
    }

    /**
     * Stages the next version in {@code change}'s transaction, written durably at its commit (never replacing a
     * file), before the inventory version that creates the keys it names, and named with that version's number.
     *
     * @param after the inventory as the change leaves it (its keys are the ones the plan names)
     */
    StoredPlan write(InventoryChange change, SiteInventory after, String what, PlanSettings settings,
                     Schedule history, Instant written) throws PlanException {
        String site = after.site();
        PlanVersions versions = versionsOf(site);
        int version;
        try {
            version = versions.nextNumber();
        } catch (IOException e) {
            throw new PlanException(versions.folder() + ": cannot list: " + e.getMessage(), e);
        }
        List<String> keyIds = after.pinned().stream().map(KeyEntry::id).toList();
        StoredPlan plan = new StoredPlan(site, version, written, what, settings, keyIds, history);
        byte[] bytes;
        try {
            bytes = PlanJson.bytes(plan, aliases(after));
        } catch (IOException e) {
            throw new PlanException("cannot write the plan: " + e.getMessage(), e);
        }
        versions.stage(change.transaction(), version, written, change::versionAfter, bytes);
        return plan;
    }

    /** The served history of {@code plan} as a scenario document for {@code pinkeeper simulate}. */
    public byte[] scenario(StoredPlan plan, SiteInventory inventory) throws PlanException {
        try {
            return PlanJson.history(plan, aliases(inventory));
        } catch (IOException e) {
            throw new PlanException("cannot write the history: " + e.getMessage(), e);
        }
    }

    private PlanVersions versionsOf(String site) {
        return new PlanVersions(inventory.layout(site));
    }

    private static Map<String, Pin> aliases(SiteInventory inventory) {
        Map<String, Pin> aliases = new LinkedHashMap<>();
        inventory.keys().forEach(k -> aliases.put(k.id(), k.pin()));
        return aliases;
    }

    private List<Path> versionFiles(String site) throws PlanException {
        PlanVersions versions = versionsOf(site);
        try {
            return versions.files();
        } catch (IOException e) {
            throw new PlanException(versions.folder() + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static StoredPlan read(Path file) throws PlanException {
        try {
            return PlanJson.parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new PlanException(file + ": unreadable plan version: " + e.getMessage(), e);
        }
    }
}
