package dev.pinkeeper.plan.site;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.pinkeeper.plan.Ramp;

/**
 * What {@code plan set} changes in a plan's settings; whatever it does not name stays as it is.
 * Immutable: each {@code with…} returns a new edit.
 *
 * <pre>{@code
 * PlanEdit edit = PlanEdit.none().reportUri("https://r.example/pkp").maxAgeCap(Duration.ofDays(30));
 * service.changeSettings("example", edit, Instant.now(), false);
 * }</pre>
 */
public final class PlanEdit {
    private final boolean reportUriSet;
    private final String reportUri;
    private final Boolean includeSubDomains;
    private final Duration reportOnly;
    private final List<Duration> maxAges;
    private final Duration maxAgeCap;
    private final boolean keyLifetimeSet;
    private final Duration keyLifetime;

    private PlanEdit(boolean reportUriSet, String reportUri, Boolean includeSubDomains, Duration reportOnly,
                     List<Duration> maxAges, Duration maxAgeCap, boolean keyLifetimeSet, Duration keyLifetime) {
        this.reportUriSet = reportUriSet;
        this.reportUri = reportUri;
        this.includeSubDomains = includeSubDomains;
        this.reportOnly = reportOnly;
        this.maxAges = maxAges == null ? null : List.copyOf(maxAges);
        this.maxAgeCap = maxAgeCap;
        this.keyLifetimeSet = keyLifetimeSet;
        this.keyLifetime = keyLifetime;
    }

    /** An edit that changes nothing. */
    public static PlanEdit none() {
        return new PlanEdit(false, null, null, null, null, null, false, null);
    }

    /** The report-uri from now on; null removes it. */
    public PlanEdit reportUri(String uri) {
        return new PlanEdit(true, uri, includeSubDomains, reportOnly, maxAges, maxAgeCap, keyLifetimeSet, keyLifetime);
    }

    /** Whether the headers bind subdomains too. */
    public PlanEdit includeSubDomains(boolean include) {
        return new PlanEdit(reportUriSet, reportUri, include, reportOnly, maxAges, maxAgeCap, keyLifetimeSet, keyLifetime);
    }

    /** The report-only period of the ramp. */
    public PlanEdit reportOnly(Duration period) {
        return new PlanEdit(reportUriSet, reportUri, includeSubDomains, Objects.requireNonNull(period), maxAges, maxAgeCap,
                keyLifetimeSet, keyLifetime);
    }

    /** The ramp's max-age steps (increasing). */
    public PlanEdit maxAges(List<Duration> steps) {
        return new PlanEdit(reportUriSet, reportUri, includeSubDomains, reportOnly, Objects.requireNonNull(steps),
                maxAgeCap, keyLifetimeSet, keyLifetime);
    }

    /** The longest max-age ever served: later steps are dropped, and the cap is the final step. */
    public PlanEdit maxAgeCap(Duration cap) {
        return new PlanEdit(reportUriSet, reportUri, includeSubDomains, reportOnly, maxAges, Objects.requireNonNull(cap),
                keyLifetimeSet, keyLifetime);
    }

    /** The key lifetime ({@link PlanSettings#keyLifetime}); null: never roll over by itself. */
    public PlanEdit keyLifetime(Duration lifetime) {
        return new PlanEdit(reportUriSet, reportUri, includeSubDomains, reportOnly, maxAges, maxAgeCap, true, lifetime);
    }

    /** Whether the edit names no setting at all. */
    public boolean isEmpty() {
        return !reportUriSet && includeSubDomains == null && reportOnly == null && maxAges == null && maxAgeCap == null
                && !keyLifetimeSet;
    }

    /**
     * {@code before} with this edit applied.
     *
     * @throws IllegalArgumentException when the result is not a valid ramp or key lifetime
     */
    public PlanSettings applyTo(PlanSettings before) {
        Ramp ramp = before.ramp();
        List<Duration> steps = new ArrayList<>(maxAges != null ? maxAges : ramp.maxAges());
        if (maxAgeCap != null) {
            steps.removeIf(step -> step.compareTo(maxAgeCap) >= 0);
            steps.add(maxAgeCap);
        }
        Ramp after = new Ramp(reportOnly != null ? reportOnly : ramp.reportOnly(), steps);
        return new PlanSettings(after, includeSubDomains != null ? includeSubDomains : before.includeSubDomains(),
                reportUriSet ? reportUri : before.reportUri(), before.allowCaPins(), before.caPins(), before.issuerPins(),
                keyLifetimeSet ? keyLifetime : before.keyLifetime(), before.retiredAt());
    }
}
