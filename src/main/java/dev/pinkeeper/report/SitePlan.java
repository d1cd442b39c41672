package dev.pinkeeper.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.pinkeeper.pin.Pin;

/**
 * What the collector needs to know of one site's pin plan for one host name: its pins with their
 * roles, every header version it has served, its rollover timeline, and the roots its own
 * certificates chain to.
 *
 * @param site              the host name the plan pins
 * @param includeSubdomains whether its header covers subdomains
 * @param pins              the site's pins and their roles
 * @param headerVersions    every header version served, oldest first
 * @param timeline          the rollover timeline, in time order
 * @param name              the site this host belongs to: a site of the state directory, which may
 *                          have several host names (its domains); for a plan file, its {@code name}
 *                          or else the host name
 * @param roots             the key pins of the private roots the site's deployments trust (a test CA
 *                          such as pebble, Let's Encrypt staging, a company CA): a chain ending at one
 *                          of them is the site's own, not an interception; empty when it trusts only
 *                          the public roots
 */
public record SitePlan(String site, boolean includeSubdomains, List<PlannedPin> pins,
        List<HeaderVersion> headerVersions, List<TimelineEvent> timeline, String name, Set<Pin> roots) {
    public SitePlan {
        site = site.toLowerCase(Locale.ROOT);
        name = name == null ? site : name;
        pins = List.copyOf(pins);
        headerVersions = headerVersions.stream()
                .sorted(Comparator.comparing(HeaderVersion::servedFrom)).toList();
        timeline = timeline.stream().sorted(Comparator.comparing(TimelineEvent::at)).toList();
        roots = Set.copyOf(roots);
    }

    /** A plan named after its host, trusting only the public roots. */
    public SitePlan(String site, boolean includeSubdomains, List<PlannedPin> pins, List<HeaderVersion> headerVersions,
            List<TimelineEvent> timeline) {
        this(site, includeSubdomains, pins, headerVersions, timeline, null, Set.of());
    }

    /** Whether the plan knows {@code pin}, whatever its role (asked for every report: builds nothing). */
    public boolean knows(Pin pin) {
        for (PlannedPin planned : pins) {
            if (planned.pin().equals(pin)) {
                return true;
            }
        }
        for (HeaderVersion version : headerVersions) {
            if (version.pins().contains(pin)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this plan covers {@code hostname} (the site itself, or a subdomain when included). */
    public boolean covers(String hostname) {
        String host = hostname.toLowerCase(Locale.ROOT);
        return host.equals(site) || (includeSubdomains && host.endsWith("." + site));
    }

    /** The newest header version, or null when none was served. */
    public HeaderVersion newestVersion() {
        return headerVersions.isEmpty() ? null : headerVersions.get(headerVersions.size() - 1);
    }
}
