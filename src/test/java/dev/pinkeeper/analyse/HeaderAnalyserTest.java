package dev.pinkeeper.analyse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.catalogue.CaCatalogue;
import dev.pinkeeper.catalogue.CaKey;
import dev.pinkeeper.catalogue.CaRole;
import dev.pinkeeper.pin.ChainValidator;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TestPki.Cert;

class HeaderAnalyserTest {
    private static final Cert ROOT = TestPki.root("Analyser Root");
    private static final Cert INTERMEDIATE = TestPki.intermediate("Analyser CA", ROOT);
    private static final Cert LEAF = TestPki.leaf(INTERMEDIATE, "www.example.test");
    private static final Pin BACKUP = TestPki.builder("backup").issue().pin();
    private static final String REPORT = "; report-uri=\"https://reports.example.test/\"";
    private static final long DAY = 86400;

    private final ChainValidator validator = new ChainValidator(List.of(ROOT.certificate()));
    private final List<X509Certificate> served = List.of(LEAF.certificate(), INTERMEDIATE.certificate());

    private HeaderAnalysis analyse(CaCatalogue catalogue, String header) {
        return new HeaderAnalyser(catalogue).analyse(validator, served, header, Instant.now());
    }

    private HeaderAnalysis analyse(String header) {
        return analyse(CaCatalogue.bundled(), header);
    }

    private static String pins(Pin... pins) {
        StringBuilder value = new StringBuilder();
        for (Pin pin : pins) {
            value.append("pin-sha256=\"").append(pin.base64()).append("\"; ");
        }
        return value.toString();
    }

    private static List<String> codes(HeaderAnalysis analysis, Severity severity) {
        return analysis.findings().stream().filter(f -> f.severity() == severity).map(Finding::code).toList();
    }

    @Test
    void leafPinWithAnOfflineBackupShortMaxAgeAndReportUriIsGood() {
        HeaderAnalysis a = analyse(pins(LEAF.pin(), BACKUP) + "max-age=" + 30 * DAY + REPORT);

        assertThat(a.findings()).filteredOn(f -> f.severity() != Severity.NOTE).isEmpty();
        assertThat(a.good()).isTrue();
        assertThat(codes(a, Severity.NOTE)).contains("unknown-pin");
        assertThat(a.pins()).extracting(PinRole::leaf).containsExactly(true, false);
        assertThat(a.pins().get(1).unknown()).isTrue();
    }

    @Test
    void noBackupPinIsAnError() {
        HeaderAnalysis a = analyse(pins(LEAF.pin(), INTERMEDIATE.pin()) + "max-age=" + 30 * DAY + REPORT);

        assertThat(codes(a, Severity.ERROR)).contains("no-backup-pin");
        assertThat(a.good()).isFalse();
    }

    @Test
    void noPinInTheChainIsAnError() {
        HeaderAnalysis a = analyse(pins(BACKUP, TestPki.root("Other").pin()) + "max-age=" + 30 * DAY + REPORT);

        assertThat(codes(a, Severity.ERROR)).contains("no-chain-pin");
    }

    @Test
    void aLetsEncryptIntermediateIsNamedAndWarnedAbout() throws Exception {
        X509Certificate r11;
        try (InputStream in = getClass().getResourceAsStream("/dev/pinkeeper/catalogue/letsencrypt/r11.pem")) {
            r11 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Pin r11Pin = Pin.ofSpki(r11.getPublicKey().getEncoded());

        HeaderAnalysis a = analyse(pins(LEAF.pin(), r11Pin) + "max-age=" + 30 * DAY + REPORT);

        assertThat(a.findings()).filteredOn(f -> f.code().equals("pins-intermediate")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).contains("Let's Encrypt R11 (intermediate)")
                            .contains("rotates intermediates without notice");
                });
        assertThat(a.pins().get(1).known()).extracting(CaKey::name).containsExactly("Let's Encrypt R11");
    }

    @Test
    void pinningOnlyOneCaIsAWarning() {
        Pin spare = TestPki.builder("Analyser CA 2").ca().issuer(ROOT).issue().pin();
        CaCatalogue catalogue = CaCatalogue.of(List.of(
                new CaKey("Analyser CA", CaRole.INTERMEDIATE, "Analyser Inc", INTERMEDIATE.pin(), "test"),
                new CaKey("Analyser CA 2", CaRole.INTERMEDIATE, "Analyser Inc", spare, "test"),
                new CaKey("Analyser Root", CaRole.ROOT, "Analyser Inc", ROOT.pin(), "test")));

        HeaderAnalysis a = analyse(catalogue, pins(INTERMEDIATE.pin(), spare) + "max-age=" + 30 * DAY + REPORT);

        assertThat(codes(a, Severity.WARNING)).contains("single-ca", "pins-intermediate");
        assertThat(codes(a, Severity.ERROR)).isEmpty();
        assertThat(a.findings()).filteredOn(f -> f.code().equals("single-ca")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("Analyser Inc"));
    }

    @Test
    void aRootPinIsSharedWithEveryCustomerButNotAProblem() {
        CaCatalogue catalogue = CaCatalogue.of(List.of(
                new CaKey("Analyser Root", CaRole.ROOT, "Analyser Inc", ROOT.pin(), "test")));

        HeaderAnalysis a = analyse(catalogue, pins(ROOT.pin(), BACKUP) + "max-age=" + 30 * DAY + REPORT);

        assertThat(codes(a, Severity.NOTE)).contains("pins-ca-root");
        assertThat(a.good()).isTrue();
    }

    @Test
    void maxAgeOutlivingAPinnedLeafIsAWarningAndAbove60DaysIsCapped() {
        HeaderAnalysis a = analyse(pins(LEAF.pin(), BACKUP) + "max-age=" + 120 * DAY + REPORT);

        assertThat(codes(a, Severity.WARNING)).contains("max-age-outlives-leaf");
        assertThat(codes(a, Severity.NOTE)).contains("max-age-capped");
    }

    @Test
    void includeSubDomainsAndAMissingReportUriAreWarnings() {
        HeaderAnalysis a = analyse(pins(LEAF.pin(), BACKUP) + "max-age=" + 30 * DAY + "; includeSubDomains");

        assertThat(codes(a, Severity.WARNING)).contains("include-subdomains", "no-report-uri");
        assertThat(a.good()).isFalse();
    }

    @Test
    void anInvalidHeaderIsAnError() {
        HeaderAnalysis a = analyse(pins(LEAF.pin(), BACKUP));

        assertThat(codes(a, Severity.ERROR)).contains("header-invalid");
    }

    @Test
    void aChainThatDoesNotValidateIsAnError() {
        HeaderAnalysis a = new HeaderAnalyser(CaCatalogue.bundled()).analyse(validator, served,
                pins(LEAF.pin(), BACKUP) + "max-age=" + 30 * DAY + REPORT,
                LEAF.certificate().getNotAfter().toInstant().plusSeconds(DAY));

        assertThat(codes(a, Severity.ERROR)).contains("chain-invalid");
        assertThat(a.findings().get(0).message()).contains("expired");
    }

    @Test
    void chromeRefusingASinglePinIsReported() {
        HeaderAnalysis a = analyse(pins(LEAF.pin()) + "max-age=" + 30 * DAY + REPORT);

        assertThat(codes(a, Severity.ERROR)).contains("no-backup-pin");
        assertThat(a.findings()).extracting(Finding::message).noneMatch(m -> m.contains("null"));
    }

    @Test
    void aReportOnlyHeaderEnforcesNothingSoItsMaxAgeIsNotWeighedAndFirefoxIgnoringItIsANote() {
        String header = pins(LEAF.pin(), BACKUP) + "max-age=" + 365 * DAY + REPORT;
        HeaderAnalysis enforcing = new HeaderAnalyser(CaCatalogue.bundled())
                .analyse(validator, served, header, false, "www.example.test", Instant.now());
        HeaderAnalysis reportOnly = new HeaderAnalyser(CaCatalogue.bundled())
                .analyse(validator, served, header, true, "www.example.test", Instant.now());

        assertThat(codes(enforcing, Severity.WARNING)).contains("max-age-outlives-leaf");
        assertThat(reportOnly.check().parse().header().reportOnly()).isTrue();
        assertThat(reportOnly.findings()).extracting(Finding::code).doesNotContain("max-age-outlives-leaf");
        assertThat(codes(reportOnly, Severity.NOTE)).contains("ua-firefox");
        assertThat(reportOnly.good()).isTrue();
    }

    private HeaderAnalysis withReportUri(String uri, boolean includeSubDomains, String host) {
        String header = pins(LEAF.pin(), BACKUP) + "max-age=" + 30 * DAY + (includeSubDomains ? "; includeSubDomains" : "")
                + "; report-uri=\"" + uri + "\"";
        return new HeaderAnalyser(CaCatalogue.bundled()).analyse(validator, served, header, false, host, Instant.now());
    }

    @Test
    void aReportUriOnThePinnedHostIsAWarningAsChromiumNeverSendsItsReports() {
        // Chromium (transport_security_state.cc, IsReportUriValidForHost) sends no report over HTTPS to the host
        // whose pins failed: the report would fail the same pins
        for (String host : new String[] {null, "www.example.test"}) {
            HeaderAnalysis a = withReportUri("https://WWW.example.test/pkp-report", false, host);
            assertThat(codes(a, Severity.WARNING)).as(String.valueOf(host)).contains("report-uri-on-pinned-host");
            assertThat(a.good()).isFalse();
            Finding f = a.findings().stream().filter(x -> x.code().equals("report-uri-on-pinned-host")).findFirst().orElseThrow();
            assertThat(f.message()).contains("www.example.test").contains("Chrom");
            assertThat(f.fix()).contains("another host");
        }
        // a host the leaf names through a wildcard is as much the pinned host
        Cert wildcard = TestPki.leaf(INTERMEDIATE, "*.example.test");
        HeaderAnalysis a = new HeaderAnalyser(CaCatalogue.bundled()).analyse(validator,
                List.of(wildcard.certificate(), INTERMEDIATE.certificate()), pins(wildcard.pin(), BACKUP) + "max-age=600"
                        + "; report-uri=\"https://reports.example.test/\"", Instant.now());
        assertThat(codes(a, Severity.WARNING)).contains("report-uri-on-pinned-host");
    }

    @Test
    void aReportUriUnderThePinnedDomainWithIncludeSubDomainsIsAWarning() {
        HeaderAnalysis a = withReportUri("https://reports.www.example.test/", true, null);
        assertThat(codes(a, Severity.WARNING)).contains("report-uri-under-pinned-domain")
                .doesNotContain("report-uri-on-pinned-host");
        // without includeSubDomains the pins do not reach it
        assertThat(withReportUri("https://reports.www.example.test/", false, null).findings()).extracting(Finding::code)
                .doesNotContain("report-uri-under-pinned-domain", "report-uri-on-pinned-host");
    }

    @Test
    void aReportUriOnAnotherHostOrOverPlainHttpIsFine() {
        // another host: the usual advice
        assertThat(withReportUri("https://reports.example.test/", false, "www.example.test").good()).isTrue();
        // Chromium only refuses a cryptographic scheme on the same host: plain http is sent
        assertThat(withReportUri("http://www.example.test/pkp", false, "www.example.test").findings())
                .extracting(Finding::code).doesNotContain("report-uri-on-pinned-host");
    }

    @Test
    void aHostTheLeafDoesNotNameMakesTheChainInvalid() {
        HeaderAnalysis a = new HeaderAnalyser(CaCatalogue.bundled()).analyse(validator, served,
                pins(LEAF.pin(), BACKUP) + "max-age=600" + REPORT, false, "other.example.test", Instant.now());

        assertThat(codes(a, Severity.ERROR)).contains("chain-invalid");
        assertThat(a.check().validation().reason()).contains("not valid for other.example.test");
    }
}
