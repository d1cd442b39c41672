package dev.pinkeeper.pin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The directives one rule set has accepted so far, turned into a {@link HeaderParse} at the end. */
final class DirectiveSet {
    Long maxAge;
    boolean maxAgeSeen;
    boolean includeSubDomains;
    String reportUri;
    final Set<Pin> pins = new LinkedHashSet<>();
    final List<String> warnings = new ArrayList<>();

    /** Adds a pin; a repeated pin is kept once and noted in the warnings. */
    void addPin(Pin pin) {
        if (!pins.add(pin)) {
            warnings.add("pin-sha256=\"" + pin.base64() + "\" is repeated; counted once");
        }
    }

    /**
     * The valid result: {@code effectiveMaxAge} is the UA's view (null when it ignores max-age).
     * An enforcing header must have a max-age (the callers check it first).
     */
    HeaderParse toResult(boolean reportOnly, Long effectiveMaxAge) {
        PkpHeader header = new PkpHeader(reportOnly, maxAge, includeSubDomains, reportUri, List.copyOf(pins));
        return HeaderParse.valid(header, effectiveMaxAge, warnings);
    }

    /** max-age cut to {@code cap}, or null when absent. */
    Long capped(long cap) {
        return maxAge == null ? null : Math.min(maxAge, cap);
    }
}
