package dev.pinkeeper.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.lifecycle.TrustRoots;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;

/**
 * The site plans kept in a state directory ({@code pinkeeper keys init} + {@code plan init}, …), as
 * the collector consumes them: every site with a plan, or only the named ones. Each site becomes one
 * {@link SitePlan} per host name ({@link PlanSitePlans}).
 *
 * <p>{@link #open} gives plans that follow the state directory: a site's plan folder, its live key
 * inventory, its ACME settings (the CA roots it trusts) or the list of sites changing makes them
 * re-read ({@link ReloadingSitePlans}), so a long-running collector sees a rollover.
 *
 * <pre>{@code
 * ReloadingSitePlans plans = StateSitePlans.open(StateDirectory.resolve(null), List.of());  // every site
 * CollectorServer.start(config, store, plans, stateDirectory);
 * }</pre>
 */
public final class StateSitePlans implements ReloadingSitePlans.Source {
    private final PlanService plans;
    private final List<String> sites;

    private StateSitePlans(PlanService plans, List<String> sites) {
        this.plans = plans;
        this.sites = List.copyOf(sites);
    }

    /**
     * The plans of {@code sites} (empty: every site of the state directory that has a plan), read now
     * and re-read when they change (checked at most once a second).
     *
     * @throws InventoryException if a named site does not exist, or an inventory cannot be read
     * @throws PlanException      if a named site has no plan, or a plan cannot be read
     */
    public static ReloadingSitePlans open(StateDirectory state, List<String> sites) throws InventoryException, PlanException {
        return open(state, sites, ReloadingSitePlans.RECHECK, System::nanoTime);
    }

    /** As {@link #open(StateDirectory, List)}, checking for changes at most once per {@code recheck} of {@code nanoTime}. */
    public static ReloadingSitePlans open(StateDirectory state, List<String> sites, Duration recheck, LongSupplier nanoTime)
            throws InventoryException, PlanException {
        StateSitePlans source = new StateSitePlans(new PlanService(new KeyInventory(state)), sites);
        List<Object> fingerprint = source.fingerprint();
        return new ReloadingSitePlans(source, fingerprint, source.read(), recheck, nanoTime);
    }

    /** The plans of {@code sites} (empty: every site with a plan) as they are now, not followed. */
    public static SitePlans read(StateDirectory state, List<String> sites) throws InventoryException, PlanException {
        return SitePlans.of(new StateSitePlans(new PlanService(new KeyInventory(state)), sites).read());
    }

    /**
     * What the site filter {@code name} stands for in the state directory: the host names of its plan,
     * or its domains when it has keys but no plan yet; empty when no site has that name.
     *
     * @throws InventoryException if its inventory cannot be read
     * @throws PlanException      if its plan cannot be read
     */
    public static Optional<SiteSelection> select(StateDirectory state, String name) throws InventoryException, PlanException {
        try {
            StateDirectory.checkSiteName(name);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a site name: perhaps a host name
        }
        PlanService plans = new PlanService(new KeyInventory(state));
        if (!plans.inventory().exists(name)) {
            return Optional.empty();
        }
        List<SitePlan> ofSite = PlanSitePlans.of(plans, name, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        return Optional.of(ofSite.isEmpty() ? SiteSelection.unplanned(name, plans.inventory().load(name).domains())
                : SiteSelection.of(name, SitePlans.of(ofSite)));
    }

    private List<String> siteNames() throws InventoryException {
        return dev.pinkeeper.keys.SiteSelection.names(plans.inventory(), sites); // report.SiteSelection is the dashboard filter
    }

    @Override
    public List<SitePlan> read() throws InventoryException, PlanException {
        List<SitePlan> read = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (String site : siteNames()) {
            List<SitePlan> ofSite = PlanSitePlans.of(plans, site, now);
            if (ofSite.isEmpty() && !sites.isEmpty()) {
                throw PlanException.noPlan(site);
            }
            read.addAll(ofSite);
        }
        return List.copyOf(read);
    }

    /**
     * What changes when a plan or an inventory changes: the sites, each plan folder, each live inventory
     * version, each site's ACME settings and the CA roots files they name.
     */
    @Override
    public List<Object> fingerprint() throws InventoryException {
        List<Object> parts = new ArrayList<>();
        for (String site : siteNames()) {
            parts.add(site);
            parts.add(plans.inventory().exists(site) ? plans.inventory().load(site).version() : null);
            SiteLayout paths = plans.inventory().layout(site);
            parts.add(modified(paths.acmeSettings()));
            try {
                for (Path roots : TrustRoots.files(new SiteSettingsStore(paths).acme())) {
                    parts.add(modified(roots));
                }
            } catch (IOException e) {
                parts.add(e.toString());
            }
            Path folder = plans.store().folder(site);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    parts.add(Files.getLastModifiedTime(folder));
                    parts.add(files.count());
                } catch (IOException e) {
                    parts.add(e.toString());
                }
            }
        }
        return parts;
    }

    /** A file's modification time and size, or why they cannot be read. */
    private static Object modified(Path file) {
        try {
            return List.of(Files.getLastModifiedTime(file), Files.size(file));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
