package dev.pinkeeper.report;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.lifecycle.TrustRoots;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.CaPin;
import dev.pinkeeper.plan.HostTimeline;
import dev.pinkeeper.plan.RampStep;
import dev.pinkeeper.plan.Served;
import dev.pinkeeper.plan.site.KeyOutlook;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanView;
import dev.pinkeeper.plan.site.StoredPlan;

/**
 * The adapter from a site's plan kept by pinkeeper ({@link PlanService}) to what the collector
 * needs ({@link SitePlan}): one {@link SitePlan} per host name of the site, with
 * <ul>
 * <li>the header versions that host served, read from the plan's recorded history: one version per
 *     run of intervals serving the same pin set, labelled {@code v1}, {@code v2}, … oldest first;</li>
 * <li>every key of the site's inventory with its role (current, next, backup, retired), and the
 *     plan's CA pins (role {@code ca});</li>
 * <li>the timeline: every plan version (init, ramp steps, rollovers, emergencies), the ramp steps
 *     still ahead and when each next key may become current;</li>
 * <li>the roots its deployments trust when its ACME settings name CA roots files (a private CA such
 *     as pebble or Let's Encrypt staging), so that its own chains are not taken for interceptions.</li>
 * </ul>
 */
public final class PlanSitePlans {
    private PlanSitePlans() {
    }

    /**
     * The plans of {@code site} (one per host name) as they stand at {@code at}; empty when the site
     * has keys but no plan yet.
     */
    public static List<SitePlan> of(PlanService plans, String site, Instant at) throws InventoryException, PlanException {
        SiteInventory inventory = plans.inventory().load(site);
        if (plans.store().live(inventory).isEmpty()) {
            return List.of();
        }
        PlanView view = plans.view(site, at);
        StoredPlan live = view.stored();
        List<PlannedPin> pins = pins(inventory, live);
        List<TimelineEvent> timeline = timeline(plans, inventory, view);
        Set<Pin> roots = ownRoots(plans, site);
        List<SitePlan> result = new ArrayList<>();
        for (String host : inventory.domains()) {
            List<Served> intervals = live.history().timeline(host).map(HostTimeline::intervals).orElse(List.of());
            result.add(new SitePlan(host, live.settings().includeSubDomains(), pins, headerVersions(intervals), timeline,
                    site, roots));
        }
        return result;
    }

    /** The key pins of the CA roots the site's deployments trust (its settings' roots files); empty: the public ones. */
    private static Set<Pin> ownRoots(PlanService plans, String site) throws PlanException {
        SiteLayout paths = plans.inventory().layout(site);
        try {
            Set<Pin> roots = new HashSet<>();
            for (X509Certificate root : TrustRoots.configured(new SiteSettingsStore(paths).acme())) {
                roots.add(Pin.ofSpki(root.getPublicKey().getEncoded()));
            }
            return roots;
        } catch (IOException e) {
            throw new PlanException("site " + site + ": cannot read the CA roots its deployments trust, without which "
                    + "its own chains would count as interceptions: " + e.getMessage()
                    + (e instanceof java.nio.file.NoSuchFileException ? ": no such file" : ""), e);
        }
    }

    private static List<PlannedPin> pins(SiteInventory inventory, StoredPlan live) {
        List<PlannedPin> pins = new ArrayList<>();
        for (KeyRole role : KeyRole.values()) {
            for (KeyEntry key : inventory.withRole(role)) {
                pins.add(new PlannedPin(key.pin(), role.label(), key.id() + (key.offline() ? " (offline)" : "")));
            }
        }
        for (CaPin ca : live.settings().caPins()) {
            pins.add(new PlannedPin(ca.pin(), "ca", ca.ca()));
        }
        return pins;
    }

    /** One version per run of served intervals with the same pin set. */
    static List<HeaderVersion> headerVersions(List<Served> intervals) {
        List<HeaderVersion> versions = new ArrayList<>();
        Set<Pin> pins = null;
        Instant from = null;
        Instant until = null;
        for (Served served : intervals) {
            Set<Pin> servedPins = pinSet(served);
            if (servedPins == null) {
                continue;
            }
            if (!servedPins.equals(pins)) {
                if (pins != null) {
                    versions.add(new HeaderVersion("v" + (versions.size() + 1), pins, from, until));
                }
                pins = servedPins;
                from = served.from();
            }
            until = served.until();
        }
        if (pins != null) {
            versions.add(new HeaderVersion("v" + (versions.size() + 1), pins, from, until));
        }
        return versions;
    }

    /** The pins clients cache from an interval: its enforcing header's, else its first header's; null when none. */
    private static Set<Pin> pinSet(Served served) {
        PkpHeader header = served.enforcing();
        if (header == null && !served.headers().isEmpty()) {
            header = served.headers().get(0);
        }
        return header == null ? null : new LinkedHashSet<>(header.pins());
    }

    private static List<TimelineEvent> timeline(PlanService plans, SiteInventory inventory, PlanView view)
            throws PlanException {
        StoredPlan live = view.stored();
        String apex = inventory.domains().get(0);
        Set<String> keyIds = new HashSet<>();
        inventory.keys().forEach(k -> keyIds.add(k.id()));
        List<TimelineEvent> events = new ArrayList<>();
        StoredPlan previous = null;
        for (StoredPlan version : plans.store().versions(inventory.site())) {
            // a version written for a key change that was never committed is not part of the site's past
            if (version.version() > live.version() || !keyIds.containsAll(version.keyIds())) {
                continue;
            }
            events.add(new TimelineEvent(version.written(), describe(version, previous, apex)));
            previous = version;
        }
        // the next step may be overdue; each later one can only follow it, so it moves with it
        Duration overdue = Duration.ZERO;
        for (RampStep step : view.upcoming()) {
            String stage = step.maxAge() == null ? "report-only" : "max-age " + step.maxAge() + " s";
            if (step == view.upcoming().get(0) && !step.at().isAfter(view.at())) {
                events.add(new TimelineEvent(step.at(), "ramp step allowed, not taken yet: " + stage));
                overdue = Duration.between(step.at(), view.at());
            } else {
                events.add(new TimelineEvent(step.at().plus(overdue), "planned ramp step (earliest): " + stage));
            }
        }
        for (KeyOutlook key : view.keys()) {
            if (key.key().role() == KeyRole.NEXT && key.safeFrom() != null) {
                events.add(new TimelineEvent(key.safeFrom(), "next key " + key.key().id() + " may become current (rollover safe)"));
            }
        }
        return events;
    }

    private static String describe(StoredPlan version, StoredPlan previous, String apex) {
        StringBuilder what = new StringBuilder("plan v").append(version.version()).append(": ").append(switch (version.change()) {
            case "init" -> "plan created";
            case "served" -> "headers recorded as served";
            case "ramp" -> "ramp step";
            case "rollover" -> "rollover: the next key became current";
            case "emergency" -> "emergency: a backup key replaced the current key";
            default -> version.change();
        });
        if (previous != null) {
            List<String> added = version.keyIds().stream().filter(id -> !previous.keyIds().contains(id)).toList();
            if (!added.isEmpty()) {
                what.append("; newly pinned ").append(String.join(", ", added));
            }
        }
        List<Served> intervals = version.history().timeline(apex).map(HostTimeline::intervals).orElse(List.of());
        if (!intervals.isEmpty()) {
            Served last = intervals.get(intervals.size() - 1);
            PkpHeader header = last.enforcing();
            if (header != null) {
                what.append("; serving Public-Key-Pins max-age=").append(header.maxAge());
            } else if (!last.headers().isEmpty()) {
                what.append("; serving Public-Key-Pins-Report-Only");
            }
        }
        return what.toString();
    }
}
