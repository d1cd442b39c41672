package dev.pinkeeper.lifecycle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.pinkeeper.plan.RampStatus;
import dev.pinkeeper.plan.site.KeyOutlook;
import dev.pinkeeper.plan.site.PlanView;
import dev.pinkeeper.plan.site.Rotation;

/** What a site with nothing to renew or deploy waits for: the CA's rate limit, held-back rollovers, else nothing. */
final class SiteWaits {
    private SiteWaits() {
    }

    /** The outcome of a site with nothing to do or deploy. */
    static SiteRenewal outcome(String site, Instant at, PlanView now, List<Rotation> waiting, RateLimitHold hold,
            String rateWait, Instant nextWindow) {
        List<KeyOutlook> heldBack = now.heldBack();
        if (rateWait != null) {
            String others = describeWaits(waiting, heldBack, at);
            return new SiteRenewal(site, SiteRenewal.Outcome.WAITING, rateWait + (others.isEmpty() ? "" : "; " + others),
                    hold.until());
        }
        if (!waiting.isEmpty() || !heldBack.isEmpty()) {
            return new SiteRenewal(site, SiteRenewal.Outcome.WAITING, describeWaits(waiting, heldBack, at),
                    earliest(waiting, heldBack));
        }
        RampStatus ramp = now.stage();
        return new SiteRenewal(site, SiteRenewal.Outcome.NOTHING_DUE, "nothing due"
                + (nextWindow == null ? "" : "; next renewal from " + nextWindow.truncatedTo(ChronoUnit.SECONDS))
                + (ramp != null && ramp.nextAt() != null && ramp.nextMaxAge() != null
                        ? "; next ramp step (max-age=" + ramp.nextMaxAge() + ") from " + ramp.nextAt() : ""), null);
    }

    /** The waits of a site in one clause: each held-back rollover and current key. */
    static String describeWaits(List<Rotation> waiting, List<KeyOutlook> heldBack, Instant at) {
        List<String> lines = new ArrayList<>();
        waiting.forEach(r -> lines.add(r.describe(at)));
        heldBack.forEach(k -> lines.add(k.describeWait()));
        return String.join("; ", lines);
    }

    /** The earliest instant something the site waits for becomes safe, or null. */
    static Instant earliest(List<Rotation> waiting, List<KeyOutlook> heldBack) {
        return Stream.concat(waiting.stream().map(Rotation::waitUntil), heldBack.stream().map(KeyOutlook::servedFrom))
                .filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
    }
}
