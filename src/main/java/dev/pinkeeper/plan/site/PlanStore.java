package dev.pinkeeper.plan.site;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.site.SiteLayout;

/**
 * The plan versions of each site, in the site's plan folder ({@link dev.pinkeeper.site.SiteLayout#plan}). A version
 * is never changed once written ({@link SafeFiles#writeNewAtomically}); the live one is the highest-numbered
 * version whose keys all exist in the live key inventory. A version written for a key change that
 * was never committed (the process died in between) names a key the inventory does not have, so it
 * never becomes live.
 */
public final class PlanStore {
    private static final Pattern NAME = Pattern.compile("(\\d{6,})-[0-9TZ.]+\\.json");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final KeyInventory inventory;

    public PlanStore(KeyInventory inventory) {
        this.inventory = inventory;
    }

    /** The folder of a site's plan versions. */
    public Path folder(String site) {
        return inventory.layout(site).plan();
    }

    /** The live plan of a site whose live inventory is {@code live}, if it has one. */
    public Optional<StoredPlan> live(SiteInventory live) throws PlanException {
        Set<String> ids = new HashSet<>();
        live.keys().forEach(k -> ids.add(k.id()));
        List<Path> files = versionFiles(live.site());
        for (int i = files.size() - 1; i >= 0; i--) {
            StoredPlan plan = read(files.get(i));
            if (ids.containsAll(plan.keyIds())) {
                return Optional.of(plan);
            }
        }
        return Optional.empty();
    }

    /** Every plan version file ever written (live or not), oldest first. */
    public List<StoredPlan> versions(String site) throws PlanException {
        List<StoredPlan> plans = new ArrayList<>();
        for (Path file : versionFiles(site)) {
            plans.add(read(file));
        }
        return plans;
    }

    /**
     * Writes the next version durably (never replacing a file). Call under the site's lock, before
     * the inventory version that creates the keys it names is committed.
     */
    StoredPlan write(SiteInventory after, String change, PlanSettings settings,
                     dev.pinkeeper.plan.Schedule history, Instant written) throws PlanException {
        String site = after.site();
        List<Path> files = versionFiles(site);
        int version = files.isEmpty() ? 1 : number(files.get(files.size() - 1)) + 1;
        List<String> keyIds = after.pinned().stream().map(KeyEntry::id).toList();
        StoredPlan plan = new StoredPlan(site, version, written, change, settings, keyIds, history);
        Path folder = folder(site);
        try {
            SafeFiles.createPrivateDirectories(folder);
            SafeFiles.writeNewAtomically(folder.resolve(String.format("%06d-%s.json", version, TIME.format(written))),
                    PlanJson.bytes(plan, aliases(after)));
        } catch (IOException e) {
            throw new PlanException(folder + ": cannot write the plan: " + e.getMessage(), e);
        }
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

    /** Removes temporary files an interrupted write left (call under the site's lock). */
    void removeTemporaries(String site) throws PlanException {
        Path folder = folder(site);
        for (Path file : list(folder)) {
            if (file.getFileName().toString().startsWith(SafeFiles.TEMPORARY_PREFIX)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new PlanException(file + ": cannot remove: " + e.getMessage(), e);
                }
            }
        }
    }

    private static Map<String, Pin> aliases(SiteInventory inventory) {
        Map<String, Pin> aliases = new LinkedHashMap<>();
        inventory.keys().forEach(k -> aliases.put(k.id(), k.pin()));
        return aliases;
    }

    private List<Path> versionFiles(String site) throws PlanException {
        List<Path> files = new ArrayList<>();
        for (Path file : list(folder(site))) {
            if (NAME.matcher(file.getFileName().toString()).matches()) {
                files.add(file);
            }
        }
        files.sort(Comparator.comparingInt(PlanStore::number));
        return files;
    }

    private static int number(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file.toString());
        }
        return Integer.parseInt(m.group(1));
    }

    private static StoredPlan read(Path file) throws PlanException {
        try {
            return PlanJson.parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new PlanException(file + ": unreadable plan version: " + e.getMessage(), e);
        }
    }

    private static List<Path> list(Path folder) throws PlanException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            throw new PlanException(folder + ": cannot list: " + e.getMessage(), e);
        }
        children.sort(Comparator.naturalOrder());
        return children;
    }
}
