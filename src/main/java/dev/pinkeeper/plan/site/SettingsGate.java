package dev.pinkeeper.plan.site;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.pin.ReportUri;
import dev.pinkeeper.server.ReportUriLines;
import dev.pinkeeper.plan.Durations;
import dev.pinkeeper.plan.StepVerdict;
import dev.pinkeeper.plan.HostTimeline;
import dev.pinkeeper.plan.PinPolicy;
import dev.pinkeeper.plan.Plan;
import dev.pinkeeper.plan.PlanGuard;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.ServedPeriod;

/**
 * Decides a change of a plan's settings ({@code plan set}) before anything is written: the new settings
 * must make a valid policy, the headers they make at the current ramp stage must lock nobody out
 * ({@link PlanGuard}), and turning includeSubDomains on — which pins every subdomain, including ones
 * served elsewhere with other keys — needs the override. Loosening changes (a lower max-age cap,
 * includeSubDomains off) are safe at once, but clients keep what they cached until it expires: the
 * notes say until when.
 */
final class SettingsGate {
    private final RolloverGate gate;
    private final PlanGuard guard;

    SettingsGate(RolloverGate gate, PlanGuard guard) {
        this.gate = gate;
        this.guard = guard;
    }

    /**
     * A report-uri a user agent takes and every server can send, or the reason it is not.
     *
     * @throws PlanException naming the problem
     */
    static void checkReportUri(String uri) throws PlanException {
        if (uri == null) {
            return;
        }
        String problem = ReportUri.problem(uri);
        if (problem == null) {
            problem = ReportUriLines.problem(uri);
        }
        if (problem != null) {
            throw new PlanException(problem);
        }
    }

    /**
     * Checks moving {@code stored}'s settings to {@code after} at {@code at}.
     *
     * @return the change (its {@link SettingsChange#stored()} is {@code stored}: the caller writes the version)
     * @throws RefusedStepException when it is unsafe (overridable: turning includeSubDomains on, a lockout)
     */
    SettingsChange check(SiteInventory live, StoredPlan stored, PlanSettings after, Instant at, boolean force)
            throws PlanException, RefusedStepException {
        PlanSettings before = stored.settings();
        checkReportUri(after.reportUri());
        PinPolicy policy;
        try {
            policy = InventoryKeys.policy(live, after);
        } catch (IllegalArgumentException e) {
            throw new RefusedStepException("refused: " + e.getMessage(), null);
        }
        List<String> hosts = live.domains();
        List<ServedPeriod> apex = stored.history().timeline(hosts.get(0)).map(HostTimeline::intervals).orElse(List.of());
        ServedPeriod last = apex.isEmpty() ? null : apex.get(apex.size() - 1);
        PkpHeader served = last == null || !last.open() ? null : last.enforcing();
        long servedMaxAge = served == null || served.maxAge() == null ? 0 : served.maxAge();

        List<String> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!Objects.equals(before.reportUri(), after.reportUri())) {
            changes.add("report-uri: " + text(before.reportUri()) + " -> " + text(after.reportUri()));
        }
        if (before.includeSubDomains() != after.includeSubDomains()) {
            changes.add("includeSubDomains: " + onOff(before.includeSubDomains()) + " -> " + onOff(after.includeSubDomains()));
            notes.addAll(includeSubDomainsNotes(after.includeSubDomains(), hosts, served, servedMaxAge, force));
        }
        if (!before.ramp().equals(after.ramp())) {
            changes.add("ramp: " + ramp(before) + " -> " + ramp(after));
            long cap = after.ramp().finalMaxAge();
            if (servedMaxAge > cap) {
                notes.add("the served max-age " + Durations.human(servedMaxAge) + " is lowered to the new cap "
                        + Durations.human(cap) + " by the next deployment; clients that cached the longer one keep"
                        + " its pins for up to " + Durations.human(servedMaxAge) + " after that");
            }
        }
        if (!Objects.equals(before.keyLifetime(), after.keyLifetime())) {
            changes.add("key lifetime: " + lifetime(before.keyLifetime()) + " -> " + lifetime(after.keyLifetime()));
        }
        if (last != null && !changes.isEmpty()) {
            notes.addAll(checkHeaders(policy, hosts, after, stored, last, at, force));
        }
        return new SettingsChange(stored, before, after, changes, notes);
    }

    /** Turning includeSubDomains on pins every subdomain (refused unless confirmed); turning it off is slow to take effect. */
    private static List<String> includeSubDomainsNotes(boolean on, List<String> hosts, PkpHeader served, long servedMaxAge,
            boolean force) throws RefusedStepException {
        if (on) {
            String message = "includeSubDomains pins every subdomain of " + String.join(", ", hosts) + " to this"
                    + " site's keys: a subdomain served with another key (another server, a CDN, a hosted service)"
                    + " locks out every visitor who noted the header, for up to its max-age";
            if (!force) {
                throw new RefusedStepException(message + ": confirm it to go on", null, true);
            }
            return List.of(message + " (confirmed)");
        }
        if (served != null && served.includeSubDomains() && servedMaxAge > 0) {
            return List.of("clients that noted the header with includeSubDomains keep pinning the subdomains for up to "
                    + Durations.human(servedMaxAge) + " after the header without it is deployed");
        }
        return List.of();
    }

    /** The headers the changed settings make: refused (unless forced) when serving them would lock a client out. */
    private List<String> checkHeaders(PinPolicy policy, List<String> hosts, PlanSettings after, StoredPlan stored,
            ServedPeriod last, Instant at, boolean force) throws RefusedStepException {
        Plan plan = new Plan(policy, hosts, after.issuerPins(), stored.history(), at, gate, guard);
        List<PkpHeader> headers = last.open() ? plan.stageHeaders() : List.of();
        if (!force) {
            StepVerdict verdict = guard.check(stored.history(), hosts, new ServedPeriod(at, null, headers, last.chains()));
            if (!verdict.safe()) {
                throw new RefusedStepException(verdict.message(), null, true);
            }
        }
        return headers.equals(last.headers()) ? List.of() : List.of("the headers change: the next deployment serves them");
    }

    private static String ramp(PlanSettings settings) {
        List<String> steps = new ArrayList<>();
        settings.ramp().maxAges().forEach(d -> steps.add(Durations.human(d.getSeconds())));
        return Durations.human(settings.ramp().reportOnly().getSeconds()) + " report-only, then " + String.join(", ", steps);
    }

    private static String lifetime(Duration lifetime) {
        return lifetime == null ? "none" : Durations.human(lifetime.getSeconds());
    }

    private static String text(String value) {
        return value == null ? "none" : value;
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }
}
