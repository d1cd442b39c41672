package dev.pinkeeper.lifecycle;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.Ramp;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanService;
import dev.pinkeeper.plan.site.PlanSettings;
import dev.pinkeeper.plan.site.StoredPlan;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The seam to the site's pin plan ({@link PlanService}): a site that is issued or deployed before
 * {@code pinkeeper plan init} gets a plan with the default ramp (and the deployment's report-uri).
 */
final class ImplicitPlan {
    private ImplicitPlan() {
    }

    /** The site's live plan, created with the default settings when it has none. */
    static StoredPlan ensure(PlanService plans, String site, String reportUri, Instant at)
            throws InventoryException, PlanException {
        KeyInventory inventory = plans.inventory();
        if (plans.store().live(inventory.load(site)).isPresent()) {
            return plans.load(site);
        }
        try {
            return plans.init(site, defaults(reportUri), at);
        } catch (RefusedStepException e) {
            throw new PlanException("cannot start a plan for site " + site + ": " + e.getMessage());
        }
    }

    /** The settings of the plan a site gets on its first deployment: the default ramp, and {@code reportUri}. */
    static PlanSettings defaults(String reportUri) {
        return new PlanSettings(Ramp.DEFAULT, false, reportUri, false, List.of(), List.of());
    }

    /**
     * {@code at}, or one second after the plan's last recorded change when {@code at} is not after it
     * (a deployment right after a rollover recorded in the same second): the history is never rewritten.
     */
    static Instant notBeforeLastChange(StoredPlan plan, Instant at) {
        Instant last = plan.history().lastChange();
        return last != null && !at.isAfter(last) ? last.plusSeconds(1) : at;
    }

    /** The plan's view of a served chain: the pin of every certificate, leaf first. */
    static Chain chain(String label, List<X509Certificate> certificates) {
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
