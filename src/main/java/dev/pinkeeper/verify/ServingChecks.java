package dev.pinkeeper.verify;

import java.util.List;
import java.util.Objects;

import dev.pinkeeper.analyse.Finding;
import dev.pinkeeper.analyse.Severity;
import dev.pinkeeper.pin.HeaderParse;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;

/**
 * Compares what a site serves with what its plan says it should serve ({@link ExpectedServing}),
 * beyond the pin set ({@link ExpectedPinChecks}): the leaf's key is one the plan serves, each planned
 * header is sent in its mode (report-only or enforcing) with the planned max-age and directives, and
 * no header the plan does not have is sent. One finding per mismatch.
 */
final class ServingChecks {
    private ServingChecks() {
    }

    static void check(ExpectedServing expected, Pin leaf, List<ServedPinHeader> served, List<Finding> out) {
        // without headers (a retired plan), no pin check names a leaf the plan does not serve: this one does
        if (!expected.leafPins().contains(leaf) && (expected.pins().contains(leaf) || expected.headers().isEmpty())) {
            out.add(new Finding(Severity.ERROR, "leaf-not-current", "the served leaf's key " + leaf
                    + " is pinned but is not the key the plan serves now (" + ExpectedPinChecks.join(expected.leafPins()) + ")",
                    "deploy the certificate of the plan's current key (pinkeeper renew, or pinkeeper deploy)"));
        }
        if (served.isEmpty()) {
            return; // no pin header at all: one finding, from ExpectedPinChecks (expected-pins-not-served)
        }
        for (PkpHeader planned : expected.headers()) {
            ServedPinHeader header = served.stream().filter(h -> h.reportOnly() == planned.reportOnly() && h.position() == 0)
                    .findFirst().orElse(null);
            if (header == null) {
                boolean otherMode = served.stream().anyMatch(h -> h.reportOnly() != planned.reportOnly());
                out.add(new Finding(Severity.ERROR, otherMode ? "mode-differs" : "header-missing", "the plan serves "
                        + planned.name() + " (" + (planned.reportOnly() ? "report-only" : "enforcing") + ", max-age="
                        + planned.maxAge() + ") but the site does not send it"
                        + (otherMode ? ": it sends " + (planned.reportOnly() ? PkpHeader.NAME : PkpHeader.REPORT_ONLY_NAME)
                        + " instead" : ""), "deploy the plan's current header snippet and reload the server"));
                continue;
            }
            HeaderParse parse = header.analysis().check().parse();
            if (!parse.valid()) {
                continue;
            }
            if (!Objects.equals(parse.maxAge(), planned.maxAge())) {
                out.add(new Finding(Severity.ERROR, "max-age-differs", header.name() + " has max-age=" + parse.maxAge()
                        + ", the plan's ramp step is max-age=" + planned.maxAge(),
                        "deploy the plan's current header snippet (a ramp step is taken by pinkeeper renew)"));
            }
            if (parse.includeSubDomains() != planned.includeSubDomains()) {
                out.add(new Finding(Severity.ERROR, "include-subdomains-differs", header.name()
                        + (planned.includeSubDomains() ? " lacks" : " has") + " includeSubDomains, unlike the plan",
                        "deploy the plan's current header snippet"));
            }
            if (!Objects.equals(parse.reportUri(), planned.reportUri())) {
                out.add(new Finding(Severity.ERROR, "report-uri-differs", header.name() + " has report-uri "
                        + parse.reportUri() + ", the plan's is " + planned.reportUri(),
                        "deploy the plan's current header snippet"));
            }
        }
        // a planned header missing while the other mode is sent is one mismatch (mode-differs), reported above
        boolean modeDiffers = expected.headers().stream()
                .anyMatch(p -> served.stream().noneMatch(h -> h.reportOnly() == p.reportOnly()));
        for (ServedPinHeader header : served) {
            boolean planned = expected.headers().stream().anyMatch(h -> h.reportOnly() == header.reportOnly());
            if (!planned && header.position() == 0 && !modeDiffers) {
                out.add(new Finding(Severity.ERROR, "header-not-planned", "the site sends " + header.name()
                        + ", which the plan does not serve now", "deploy the plan's current header snippet"));
            }
        }
    }
}
