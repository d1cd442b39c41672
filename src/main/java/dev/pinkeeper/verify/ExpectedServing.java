package dev.pinkeeper.verify;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.site.PlanView;

/**
 * What a site should serve now, by its plan: the keys of its leaf certificates and its pin headers
 * (report-only or enforcing, with their max-age, directives and pins). {@code pinkeeper verify --site}
 * and the rehearsal build it from the plan's view ({@link #of(PlanView)}).
 *
 * @param leafPins the pins of the keys a served leaf may have (the plan's current keys)
 * @param headers  the Public-Key-Pins / -Report-Only headers to serve, at most one of each name; none once a
 *                 retired plan's pins have expired from every cache
 */
public record ExpectedServing(List<Pin> leafPins, List<PkpHeader> headers) {
    public ExpectedServing {
        leafPins = List.copyOf(leafPins);
        headers = List.copyOf(headers);
        if (leafPins.isEmpty()) {
            throw new IllegalArgumentException("a site serves at least one leaf key");
        }
        if (headers.stream().map(PkpHeader::reportOnly).distinct().count() != headers.size()) {
            throw new IllegalArgumentException("a plan serves at most two pin headers, of different names: " + headers);
        }
    }

    /**
     * What the plan's {@code view} says the site serves at its instant: one leaf per chain to serve
     * ({@link PlanView#chains()}), the headers of the current stage ({@link PlanView#headers()}).
     */
    public static ExpectedServing of(PlanView view) {
        return new ExpectedServing(view.chains().stream().map(Chain::leaf).toList(), view.headers());
    }

    /** Every pin the headers carry, in order: what each served header must pin exactly. */
    public List<Pin> pins() {
        Set<Pin> pins = new LinkedHashSet<>();
        headers.forEach(h -> pins.addAll(h.pins()));
        return List.copyOf(pins);
    }
}
