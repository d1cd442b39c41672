package dev.pinkeeper.report;

import java.util.List;
import java.util.Optional;

/**
 * The source of site plans the collector consumes: the one small view of the plan package that
 * the report package depends on. {@link SitePlanFile} reads it from a JSON file; the plan
 * package can implement it directly.
 */
public interface SitePlans {
    /** Every site with a plan. */
    List<SitePlan> all();

    /** The plan covering {@code hostname}: an exact site match first, else the longest covering site. */
    default Optional<SitePlan> forHost(String hostname) {
        if (hostname == null) {
            return Optional.empty();
        }
        SitePlan best = null;
        for (SitePlan plan : all()) {
            if (plan.covers(hostname) && (best == null || plan.site().length() > best.site().length())) {
                best = plan;
            }
        }
        return Optional.ofNullable(best);
    }

    /** No plans: every report is analysed without knowledge of the site's pins. */
    static SitePlans none() {
        return List::of;
    }

    /** A fixed list of plans. */
    static SitePlans of(List<SitePlan> plans) {
        List<SitePlan> copy = List.copyOf(plans);
        return () -> copy;
    }
}
