package dev.pinkeeper.plan.site;

import java.util.List;
import java.util.Objects;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.CaPin;
import dev.pinkeeper.plan.Ramp;

/**
 * What {@code plan init} chose for a site: the ramp, the header directives, the (discouraged) CA pins
 * and the issuer pins of the site's certificate chains.
 *
 * @param ramp              report-only period and max-age steps
 * @param includeSubDomains whether the headers bind subdomains too
 * @param reportUri         where browsers report pin failures, or null
 * @param allowCaPins       the explicit opt-in to CA pins
 * @param caPins            CA pins (empty unless {@code allowCaPins}; then from at least two CAs)
 * @param issuerPins        the pins after the leaf in the served chains (intermediate, root), or empty
 */
public record PlanSettings(Ramp ramp, boolean includeSubDomains, String reportUri, boolean allowCaPins,
                           List<CaPin> caPins, List<Pin> issuerPins) {
    /** The default ramp, no includeSubDomains, no report-uri, no CA pins. */
    public static final PlanSettings DEFAULT = new PlanSettings(Ramp.DEFAULT, false, null, false, List.of(), List.of());

    public PlanSettings {
        Objects.requireNonNull(ramp, "ramp");
        caPins = List.copyOf(caPins);
        issuerPins = List.copyOf(issuerPins);
    }

    /** These settings with other issuer pins (a renewal from another intermediate). */
    public PlanSettings withIssuerPins(List<Pin> pins) {
        return new PlanSettings(ramp, includeSubDomains, reportUri, allowCaPins, caPins, pins);
    }
}
