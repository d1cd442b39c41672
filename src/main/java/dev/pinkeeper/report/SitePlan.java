package dev.pinkeeper.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.pinkeeper.pin.Pin;

/**
 * What the collector needs to know of one site's pin plan: its pins with their roles, every
 * header version it has served, and its rollover timeline.
 *
 * @param site              the host name the plan pins
 * @param includeSubdomains whether its header covers subdomains
 * @param pins              the site's pins and their roles
 * @param headerVersions    every header version served, oldest first
 * @param timeline          the rollover timeline, in time order
 */
public record SitePlan(String site, boolean includeSubdomains, List<PlannedPin> pins,
        List<HeaderVersion> headerVersions, List<TimelineEvent> timeline) {
    public SitePlan {
        site = site.toLowerCase(Locale.ROOT);
        pins = List.copyOf(pins);
        headerVersions = headerVersions.stream()
                .sorted(Comparator.comparing(HeaderVersion::servedFrom)).toList();
        timeline = timeline.stream().sorted(Comparator.comparing(TimelineEvent::at)).toList();
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
