package dev.pinkeeper.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.pinkeeper.analyse.Finding;
import dev.pinkeeper.analyse.Severity;
import dev.pinkeeper.catalogue.CaKey;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PinValidation;

/**
 * The result of {@link LiveVerifier#verify}: the site's chain, headers and what was found.
 *
 * @param response     what the site served
 * @param at           the time the chain was validated at
 * @param chain        the served chain validated for the site's host; a certificate is {@code pinned} when a
 *                     served pin header pins its key
 * @param known        well-known CA names of the keys of the served and validated chains
 * @param hstsValues   every Strict-Transport-Security value served, in order
 * @param hsts         the first of them parsed (the one user agents use), or null when none was served
 * @param pinHeaders   every Public-Key-Pins and -Report-Only field served, enforcing ones first, with its analysis
 * @param expectedPins the pins the caller expected the site to serve, or null when not checked
 * @param findings     what was found about the chain, HSTS and the expected pins, errors first;
 *                     each pin header's own findings are in its analysis
 */
public record LiveReport(LiveResponse response, Instant at, PinValidation chain, Map<Pin, List<CaKey>> known,
        List<String> hstsValues, HstsHeader hsts, List<ServedPinHeader> pinHeaders, List<Pin> expectedPins,
        List<Finding> findings) {
    public LiveReport {
        known = Map.copyOf(known);
        hstsValues = List.copyOf(hstsValues);
        pinHeaders = List.copyOf(pinHeaders);
        expectedPins = expectedPins == null ? null : List.copyOf(expectedPins);
        findings = List.copyOf(findings);
    }

    /** Good when no finding, here or in any pin header's analysis, is an error or a warning. */
    public boolean good() {
        return count(Severity.ERROR) == 0 && count(Severity.WARNING) == 0;
    }

    /** How many findings, here and in every pin header's analysis, have {@code severity}. */
    public long count(Severity severity) {
        long n = findings.stream().filter(f -> f.severity() == severity).count();
        for (ServedPinHeader header : pinHeaders) {
            n += header.analysis().count(severity);
        }
        return n;
    }

    /** The well-known names of a chain key, or an empty list. */
    public List<CaKey> known(Pin pin) {
        return known.getOrDefault(pin, List.of());
    }
}
