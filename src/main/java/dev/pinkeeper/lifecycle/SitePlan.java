package dev.pinkeeper.lifecycle;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.PinPolicy;
import dev.pinkeeper.plan.PinnedKey;
import dev.pinkeeper.plan.Plan;
import dev.pinkeeper.plan.PlanGuard;
import dev.pinkeeper.plan.RampStatus;
import dev.pinkeeper.plan.RolloverGate;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.Served;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The small seam between a site's inventory and served history and the plan library: the pin
 * policy the inventory implies, the header stage served now, and a {@link Plan} to ask the ramp.
 */
public final class SitePlan {
    private SitePlan() {
    }

    /** The pin policy of the inventory's live keys (current, next, backups) with the default ramp and this report-uri (may be null). */
    public static PinPolicy policy(SiteInventory inventory, String reportUri) {
        List<PinnedKey> keys = new ArrayList<>();
        for (KeyEntry key : inventory.pinned()) {
            keys.add(new PinnedKey(key.pin(), key.role(), key.algorithm().family()));
        }
        PinPolicy policy = PinPolicy.ofKeys(keys);
        return new PinPolicy(policy.keys(), policy.caPins(), policy.allowCaPins(), policy.ramp(),
                policy.includeSubDomains(), reportUri);
    }

    /**
     * The public-key-pins header to serve with {@code policy}: the stage served now on {@code host}
     * (report-only, or enforcing with its max-age) with the policy's pin set; report-only before the
     * first deployment.
     */
    public static PkpHeader header(PinPolicy policy, Schedule history, String host) {
        Long enforcedMaxAge = history.timeline(host).map(t -> t.intervals())
                .filter(i -> !i.isEmpty()).map(i -> i.get(i.size() - 1)).map(Served::enforcing)
                .map(PkpHeader::maxAge).orElse(null);
        return enforcedMaxAge == null ? policy.reportOnlyHeader() : policy.header(enforcedMaxAge);
    }

    /** Where the site stands on the ramp at {@code now} (null before the first deployment). */
    public static RampStatus rampStatus(PinPolicy policy, Schedule history, List<String> hosts, Instant now) {
        if (history.timeline(hosts.get(0)).isEmpty()) {
            return null;
        }
        return new Plan(policy, hosts, List.of(), history, now, new RolloverGate(), new PlanGuard()).rampStatus();
    }

    /** The plan's view of a served chain: the pin of every certificate, leaf first. */
    public static Chain chain(String label, List<X509Certificate> certificates) {
        List<Pin> pins = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            Pin pin = Pin.ofSpki(certificate.getPublicKey().getEncoded());
            if (!pins.contains(pin)) {
                pins.add(pin);
            }
        }
        return new Chain(label, pins);
    }
}
