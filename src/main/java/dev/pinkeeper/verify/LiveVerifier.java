package dev.pinkeeper.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pinkeeper.analyse.Finding;
import dev.pinkeeper.analyse.HeaderAnalyser;
import dev.pinkeeper.analyse.Severity;
import dev.pinkeeper.catalogue.CaCatalogue;
import dev.pinkeeper.catalogue.CaKey;
import dev.pinkeeper.pin.ChainCertificate;
import dev.pinkeeper.pin.ChainValidator;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PinValidation;
import dev.pinkeeper.pin.PkpHeader;

/**
 * Checks what a site serves, live: the chain must validate for the site's host (against the
 * validator's anchors), every Public-Key-Pins and -Report-Only field gets the
 * {@link HeaderAnalyser} report, Strict-Transport-Security must be there and sane, and — when given —
 * the pins must be exactly the expected ones, with the leaf's key among them; against a plan
 * ({@link ExpectedServing}) also the leaf key, the header mode, max-age and directives.
 *
 * <pre>{@code
 * LiveResponse served = new LiveFetcher().fetch(SiteAddress.parse("https://www.example.com"));
 * LiveReport report = new LiveVerifier(ChainValidator.withJdkTrustStore(), CaCatalogue.bundled())
 *         .verify(served, planPins, Instant.now());
 * if (!report.good()) report.findings().forEach(System.out::println);
 * }</pre>
 */
public final class LiveVerifier {
    private final ChainValidator validator;
    private final CaCatalogue catalogue;
    private final HeaderAnalyser analyser;

    public LiveVerifier(ChainValidator validator, CaCatalogue catalogue) {
        this.validator = validator;
        this.catalogue = catalogue;
        this.analyser = new HeaderAnalyser(catalogue);
    }

    /** Checks {@code response} at {@code at}, without expected pins. */
    public LiveReport verify(LiveResponse response, Instant at) {
        return verify(response, null, at);
    }

    /**
     * Checks {@code response} at {@code at}.
     *
     * @param expectedPins the pins every served pin header must hold exactly (the leaf's among them),
     *                     or null not to compare
     */
    public LiveReport verify(LiveResponse response, Collection<Pin> expectedPins, Instant at) {
        return verify(response, expectedPins, null, at);
    }

    /**
     * Checks {@code response} at {@code at} against what the site's plan says it should serve now: the
     * pins as with {@link #verify(LiveResponse, Collection, Instant)} ({@link ExpectedServing#pins()}), and
     * the leaf key, each header's mode (report-only or enforcing), max-age and directives.
     */
    public LiveReport verifyAgainst(LiveResponse response, ExpectedServing expected, Instant at) {
        return verify(response, expected.pins(), expected, at);
    }

    private LiveReport verify(LiveResponse response, Collection<Pin> expectedPins, ExpectedServing serving, Instant at) {
        SiteAddress site = response.site();
        String host = site.ipLiteral() ? null : site.host();
        List<X509Certificate> served = response.servedChain();
        List<ServedPinHeader> pinHeaders = new ArrayList<>();
        for (boolean reportOnly : new boolean[] {false, true}) {
            List<String> values = response.values(reportOnly ? PkpHeader.REPORT_ONLY_NAME : PkpHeader.NAME);
            for (int i = 0; i < values.size(); i++) {
                pinHeaders.add(new ServedPinHeader(reportOnly, i, values.get(i),
                        analyser.analyse(validator, served, values.get(i), reportOnly, host, at)));
            }
        }
        Set<Pin> servedPins = new LinkedHashSet<>();
        pinHeaders.forEach(h -> servedPins.addAll(h.analysis().check().parse().pins()));
        PinValidation chain = validator.check(served, servedPins, List.of(), host, at);
        Map<Pin, List<CaKey>> known = new HashMap<>();
        for (ChainCertificate c : chain.servedChain()) {
            known.put(c.pin(), catalogue.lookup(c.pin()));
        }
        for (ChainCertificate c : chain.validatedChain()) {
            known.put(c.pin(), catalogue.lookup(c.pin()));
        }

        List<Finding> findings = new ArrayList<>();
        if (!chain.chainValid()) {
            findings.add(new Finding(Severity.ERROR, "chain-invalid", "the served chain does not validate: "
                    + chain.reason().replaceFirst("^chain does not validate: ", "") + "; user agents refuse the "
                    + "connection and ignore its HSTS and pin headers",
                    "serve the leaf first, then its intermediates, with a certificate valid now for " + site.host()
                            + " from a trusted CA"));
        }
        if (site.ipLiteral()) {
            findings.add(new Finding(Severity.WARNING, "ip-address", "the site is an IP address: user agents "
                    + "ignore HSTS and pins for IP addresses (RFC 6797 §8.1, RFC 7469 §2.3)",
                    "verify the host name visitors use (with --connect-to for the address)"));
        }
        pinHeaderFindings(pinHeaders, expectedPins != null && !expectedPins.isEmpty(), findings);
        boolean pinning = pinHeaders.stream().anyMatch(h -> !h.reportOnly())
                || (expectedPins != null && !expectedPins.isEmpty());
        List<String> hstsValues = response.values(HstsHeader.NAME);
        HstsChecks.check(hstsValues, pinning, findings);
        if (expectedPins != null) {
            Pin leaf = Pin.ofSpki(served.get(0).getPublicKey().getEncoded());
            if (serving == null || !serving.headers().isEmpty()) {
                ExpectedPinChecks.check(expectedPins, leaf, pinHeaders, findings);
            }
            if (serving != null) {
                ServingChecks.check(serving, leaf, pinHeaders, findings);
            }
        }
        if (response.status() >= 300) {
            String location = response.values("Location").stream().findFirst().map(l -> " to " + l).orElse("");
            findings.add(new Finding(Severity.NOTE, "http-status", "the server answered " + response.status()
                    + location + " for " + site.path() + " (its headers were checked all the same)", null));
        }
        findings.sort(Comparator.comparing(Finding::severity));
        HstsHeader hsts = hstsValues.isEmpty() ? null : HstsHeader.parse(hstsValues.get(0));
        List<Pin> expected = expectedPins == null ? null : List.copyOf(new LinkedHashSet<>(expectedPins));
        return new LiveReport(response, at, chain, known, hstsValues, hsts, pinHeaders, expected, findings);
    }

    private static void pinHeaderFindings(List<ServedPinHeader> headers, boolean expected, List<Finding> out) {
        long enforcing = headers.stream().filter(h -> !h.reportOnly()).count();
        long reportOnly = headers.size() - enforcing;
        if (headers.isEmpty() && !expected) {
            out.add(new Finding(Severity.NOTE, "pkp-missing", "no Public-Key-Pins or Public-Key-Pins-Report-Only "
                    + "header: browsers learn no pins from this site", null));
        }
        if (enforcing == 0 && reportOnly > 0) {
            out.add(new Finding(Severity.NOTE, "pkp-report-only", "only Public-Key-Pins-Report-Only: pin failures "
                    + "are reported, nothing is enforced", null));
        }
        if (enforcing > 1) {
            out.add(new Finding(Severity.WARNING, "pkp-several", enforcing + " Public-Key-Pins headers: user agents "
                    + "process only the first (RFC 7469 §2.3.1)", "send exactly one (check add_header in nested blocks)"));
        }
        if (reportOnly > 1) {
            out.add(new Finding(Severity.WARNING, "pkp-several", reportOnly + " Public-Key-Pins-Report-Only headers: "
                    + "user agents process only the first (RFC 7469 §2.3.1)", "send exactly one"));
        }
    }
}
