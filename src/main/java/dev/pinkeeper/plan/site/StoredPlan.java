package dev.pinkeeper.plan.site;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.pinkeeper.plan.Schedule;

/**
 * One immutable version of a site's plan as written in its state directory.
 *
 * @param site     the site's name
 * @param version  1 for {@code plan init}, then +1 per change
 * @param written  when this version was written (the operation's time, {@code --at})
 * @param change   what the change did ({@code init}, {@code served}, {@code ramp}, {@code rollover}, …)
 * @param settings the plan's settings
 * @param keyIds   the ids of the keys the plan pinned when it was written; the version is live only
 *                 when all of them exist in the live key inventory
 * @param history  what was served when, on every host of the site
 */
public record StoredPlan(String site, int version, Instant written, String change, PlanSettings settings,
                         List<String> keyIds, Schedule history) {
    public StoredPlan {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(history, "history");
        keyIds = List.copyOf(keyIds);
    }
}
