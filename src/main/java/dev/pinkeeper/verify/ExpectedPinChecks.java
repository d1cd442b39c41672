package dev.pinkeeper.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.pinkeeper.analyse.Finding;
import dev.pinkeeper.analyse.Severity;
import dev.pinkeeper.pin.Pin;

/**
 * Compares what a site serves with the pins it should serve (a plan's pin set): every pin header must
 * pin exactly those, and the served leaf's key must be one of them.
 */
final class ExpectedPinChecks {
    private ExpectedPinChecks() {
    }

    static void check(Collection<Pin> expected, Pin leaf, List<ServedPinHeader> headers, List<Finding> out) {
        Set<Pin> want = new LinkedHashSet<>(expected);
        if (!want.contains(leaf)) {
            out.add(new Finding(Severity.ERROR, "leaf-not-expected", "the served leaf's key " + leaf
                    + " is not one of the " + want.size() + " expected pins: the server runs a key the plan does not know",
                    "deploy the certificate of the plan's current key"));
        }
        if (headers.isEmpty()) {
            out.add(new Finding(Severity.ERROR, "expected-pins-not-served", "no Public-Key-Pins or -Report-Only "
                    + "header is served, but " + want.size() + " pins are expected", "deploy the plan's header snippet "
                    + "and reload the server"));
            return;
        }
        for (ServedPinHeader header : headers) {
            if (!header.analysis().check().parse().valid()) {
                continue;
            }
            Set<Pin> served = new LinkedHashSet<>(header.analysis().check().parse().pins());
            if (served.equals(want)) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            List<Pin> missing = want.stream().filter(p -> !served.contains(p)).toList();
            List<Pin> extra = served.stream().filter(p -> !want.contains(p)).toList();
            if (!missing.isEmpty()) {
                parts.add("missing " + join(missing));
            }
            if (!extra.isEmpty()) {
                parts.add("not expected " + join(extra));
            }
            out.add(new Finding(Severity.ERROR, "pins-differ", header.name() + (header.position() > 0
                    ? " #" + header.position() : "") + " does not pin the expected set: " + String.join("; ", parts),
                    "deploy the plan's current header snippet and reload the server"));
        }
    }

    /** The pins' base64 values, comma-separated (finding messages). */
    static String join(List<Pin> pins) {
        return String.join(", ", pins.stream().map(Pin::base64).toList());
    }
}
