package dev.pinkeeper.plan.site;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.CaPin;
import dev.pinkeeper.plan.Durations;
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
 * @param keyLifetime       how long a key is served as current before {@code pinkeeper renew} rolls it
 *                          over to its next key (once the rollover gate allows it), or null never to
 *                          roll over by itself (only {@code plan rollover} does)
 * @param retiredAt         when the plan was retired ({@link PlanRetirement}: pinning wound down), or null
 */
public record PlanSettings(Ramp ramp, boolean includeSubDomains, String reportUri, boolean allowCaPins,
                           List<CaPin> caPins, List<Pin> issuerPins, Duration keyLifetime, Instant retiredAt) {
    /** The default key lifetime: a key is rolled over once a year. */
    public static final Duration DEFAULT_KEY_LIFETIME = Duration.ofDays(365);
    /** The default ramp, no includeSubDomains, no report-uri, no CA pins, yearly rollovers. */
    public static final PlanSettings DEFAULT = new PlanSettings(Ramp.DEFAULT, false, null, false, List.of(), List.of());

    public PlanSettings {
        Objects.requireNonNull(ramp, "ramp");
        caPins = List.copyOf(caPins);
        issuerPins = List.copyOf(issuerPins);
        if (keyLifetime != null && (keyLifetime.isNegative() || keyLifetime.isZero())) {
            throw new IllegalArgumentException("the key lifetime must be positive (null: never roll over by itself)");
        }
        if (keyLifetime != null && keyLifetime.compareTo(Durations.LONGEST) > 0) {
            throw new IllegalArgumentException("the key lifetime is at most 100 years (" + Durations.LONGEST.getSeconds() + " s)");
        }
    }

    /** Settings of a plan that is not retired. */
    public PlanSettings(Ramp ramp, boolean includeSubDomains, String reportUri, boolean allowCaPins,
                        List<CaPin> caPins, List<Pin> issuerPins, Duration keyLifetime) {
        this(ramp, includeSubDomains, reportUri, allowCaPins, caPins, issuerPins, keyLifetime, null);
    }

    /** Settings with the {@link #DEFAULT_KEY_LIFETIME}. */
    public PlanSettings(Ramp ramp, boolean includeSubDomains, String reportUri, boolean allowCaPins,
                        List<CaPin> caPins, List<Pin> issuerPins) {
        this(ramp, includeSubDomains, reportUri, allowCaPins, caPins, issuerPins, DEFAULT_KEY_LIFETIME);
    }

    /** These settings with other issuer pins (a renewal from another intermediate). */
    public PlanSettings withIssuerPins(List<Pin> pins) {
        return new PlanSettings(ramp, includeSubDomains, reportUri, allowCaPins, caPins, pins, keyLifetime, retiredAt);
    }

    /** These settings retired at {@code at}. */
    public PlanSettings retired(Instant at) {
        return new PlanSettings(ramp, includeSubDomains, reportUri, allowCaPins, caPins, issuerPins, keyLifetime, at);
    }

    /** Whether the plan is retired (pinning wound down, {@link PlanRetirement}). */
    public boolean isRetired() {
        return retiredAt != null;
    }
}
