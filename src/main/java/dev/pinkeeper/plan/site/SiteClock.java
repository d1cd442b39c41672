package dev.pinkeeper.plan.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyAlgorithm;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.site.SiteTransaction;

/**
 * The clock a site's changes are recorded on, and the times a change given an explicit time may take.
 * A site runs on the machine's clock: such a time may be at most {@link #LEAD} after it (clock skew
 * between machines), never before the plan's last recorded change where it is recorded as given (the
 * history is never rewritten), and within {@link #EARLIEST} to {@link #LATEST} (the years a plan writes and schedules in). A site
 * made for a rehearsal or a test runs on a simulated clock ({@link #simulate}): any time in that range,
 * still never before the last change. The choice is made when the site is made and never changes, so a
 * real site's plan cannot be moved into a future it would then wait for.
 */
public final class SiteClock {
    /** How far after the machine's clock a real site's change may be recorded. */
    public static final Duration LEAD = Duration.ofMinutes(5);
    /** The earliest time a plan records. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /**
     * The latest time a plan records: far enough inside the four-digit years of its version files for
     * every period it schedules after a change (a max-age or key lifetime is at most 100 years).
     */
    public static final Instant LATEST = Instant.parse("9000-01-01T00:00:00Z");

    private SiteClock() {
    }

    /** Whether {@code site} runs on a simulated clock. */
    public static boolean simulated(KeyInventory inventory, String site) {
        return Files.isRegularFile(marker(inventory, site));
    }

    /**
     * Creates a site with its keys ({@link KeyInventory#create}) and, when {@code simulated}, puts it on a simulated
     * clock ({@link #simulate}): the one moment that choice is made.
     */
    public static SiteInventory create(KeyInventory inventory, String site, List<String> domains,
            List<KeyAlgorithm> current, List<KeyAlgorithm> backups, boolean simulated)
            throws InventoryException, PlanException {
        SiteInventory created = inventory.create(site, domains, current, backups);
        if (simulated) {
            simulate(inventory, site);
        }
        return created;
    }

    /**
     * Puts a new site (no plan yet) on a simulated clock for good: for rehearsals and tests, which move
     * time forward by months.
     *
     * @throws PlanException when the site has a plan already (its history was recorded on the machine's clock)
     */
    public static void simulate(KeyInventory inventory, String site) throws InventoryException, PlanException {
        if (new PlanStore(inventory).live(inventory.load(site)).isPresent()) {
            throw new PlanException("site " + site + " has a plan recorded on the machine's clock: its clock cannot"
                    + " become a simulated one");
        }
        if (SiteTransaction.dryRun(inventory.layout(site))) {
            return;
        }
        try {
            SafeFiles.writeNewAtomically(marker(inventory, site), ("site " + site + " runs on a simulated clock\n")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (FileAlreadyExistsException e) {
            // simulated already
        } catch (IOException e) {
            throw new PlanException(marker(inventory, site) + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that a change of {@code site} may be made at {@code at}, a time given explicitly, when the
     * machine's clock says {@code now}; with {@code asGiven} (the change is recorded at exactly {@code at}:
     * the plan commands) also that it is not before the last recorded change. A deployment or renewal records
     * a time before it just after it instead ({@code SitePlans.notBeforeLastChange}), which rewrites nothing.
     *
     * @throws PlanException saying which bound {@code at} is outside of (nothing was changed)
     */
    public static void checkChange(KeyInventory inventory, String site, Instant at, Instant now, boolean asGiven)
            throws InventoryException, PlanException {
        checkRange(at);
        if (!simulated(inventory, site) && at.isAfter(now.plus(LEAD))) {
            throw new PlanException("the time " + at + " is more than " + LEAD.toMinutes() + " minutes after this"
                    + " machine's clock (" + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "): site " + site
                    + " runs on the real clock (only a site made for a rehearsal runs on a simulated clock)");
        }
        if (!asGiven) {
            return;
        }
        Optional<StoredPlan> plan = new PlanStore(inventory).live(inventory.load(site));
        Instant last = plan.map(p -> p.history().lastChange()).orElse(null);
        if (last != null && at.isBefore(last)) {
            throw new PlanException("the time " + at + " is before the last recorded change (" + last
                    + "): the recorded history is never rewritten");
        }
    }

    /**
     * Checks that {@code at} is a time a plan records ({@link #EARLIEST} to {@link #LATEST}).
     *
     * @throws PlanException when it is not
     */
    public static void checkRange(Instant at) throws PlanException {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new PlanException("the time " + at + " is outside the times a plan records (" + EARLIEST + " to "
                    + LATEST + ")");
        }
    }

    private static Path marker(KeyInventory inventory, String site) {
        return inventory.layout(site).simulatedClock();
    }
}
