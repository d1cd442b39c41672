package dev.pinkeeper.report;

import java.util.List;

/**
 * What a site filter (the dashboard's {@code ?site=}, {@code pinkeeper reports --site}) stands for: a
 * report is filed under the host it concerns, so a site's name stands for each of its host names.
 *
 * @param selector what was asked for
 * @param hosts    the host names whose reports it selects
 * @param plans    the plans to show with them
 * @param known    whether the selector names a site or a host some plan covers; when not, it is
 *                 taken as a host name that reports may have been filed under without any plan
 */
public record SiteSelection(String selector, List<String> hosts, List<SitePlan> plans, boolean known) {
    public SiteSelection {
        hosts = List.copyOf(hosts);
        plans = List.copyOf(plans);
    }

    /**
     * What {@code selector} stands for among {@code plans}: the site of that name (all its hosts),
     * else the host of that name (with the plans covering it), else that host without a plan.
     */
    public static SiteSelection of(String selector, SitePlans plans) {
        List<SitePlan> all = plans.all();
        List<SitePlan> named = all.stream().filter(p -> p.name().equals(selector)).toList();
        if (!named.isEmpty()) {
            return new SiteSelection(selector, named.stream().map(SitePlan::site).distinct().toList(), named, true);
        }
        List<SitePlan> covering = all.stream().filter(p -> p.covers(selector)).toList();
        return new SiteSelection(selector, List.of(selector), covering, !covering.isEmpty());
    }

    /** A site known to have {@code hosts} but no plan yet (its reports, if any, are noise). */
    public static SiteSelection unplanned(String site, List<String> hosts) {
        return new SiteSelection(site, hosts, List.of(), true);
    }

    /** The selected plans, as a source of plans. */
    public SitePlans sitePlans() {
        return SitePlans.of(plans);
    }
}
