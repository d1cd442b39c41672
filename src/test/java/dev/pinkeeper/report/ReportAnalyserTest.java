package dev.pinkeeper.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.TestPki;

class ReportAnalyserTest {
    static final TestPki.Cert PUBLIC_ROOT = TestPki.root("Public Root");
    static final TestPki.Cert INTERMEDIATE = TestPki.builder("Public CA R1").issuer(PUBLIC_ROOT).ca().issue();
    static final java.security.KeyPair KEY_A = TestPki.ecKeyPair();
    static final java.security.KeyPair KEY_B = TestPki.ecKeyPair();
    static final TestPki.Cert LEAF_A = TestPki.builder("example.com").issuer(INTERMEDIATE).keyPair(KEY_A).issue();
    static final TestPki.Cert LEAF_B = TestPki.builder("example.com").issuer(INTERMEDIATE).keyPair(KEY_B).issue();
    static final Pin BACKUP = TestPki.root("offline backup").pin();

    /** v1 pins key A (+backup), v2 pins A and B (+backup), v3 pins only B (+backup). */
    static final SitePlan PLAN = new SitePlan("example.com", true,
            List.of(new PlannedPin(LEAF_A.pin(), "retired", "key A"), new PlannedPin(LEAF_B.pin(), "current", "key B"),
                    new PlannedPin(BACKUP, "backup", "offline")),
            List.of(new HeaderVersion("v1", Set.of(LEAF_A.pin(), BACKUP), Instant.parse("2026-01-01T00:00:00Z"),
                            Instant.parse("2026-03-01T00:00:00Z")),
                    new HeaderVersion("v2", Set.of(LEAF_A.pin(), LEAF_B.pin(), BACKUP),
                            Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z")),
                    new HeaderVersion("v3", Set.of(LEAF_B.pin(), BACKUP), Instant.parse("2026-06-01T00:00:00Z"), null)),
            List.of());

    final ReportAnalyser analyzer = new ReportAnalyser(SitePlans.of(List.of(PLAN)),
            PublicRoots.of(Set.of(PUBLIC_ROOT.pin())));

    Analysis analyze(String json) throws MalformedReportException {
        return analyzer.analyze(new ReportParser().parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> chain(TestPki.Cert... certs) {
        return java.util.Arrays.stream(certs).map(TestPki.Cert::pem).toList();
    }

    static List<String> pins(Pin... pins) {
        return java.util.Arrays.stream(pins).map(Pin::headerDirective).toList();
    }

    @Test
    void keyServedBeforeTheClientSawItsHeaderIsOurRolloverMistake() throws Exception {
        // the client cached v1 (key A + backup), the server already presents key B
        Analysis a = analyze(Reports.chromium("www.example.com", chain(LEAF_B, INTERMEDIATE),
                chain(LEAF_B, INTERMEDIATE, PUBLIC_ROOT), pins(LEAF_A.pin(), BACKUP)));
        assertThat(a.reportClass()).isEqualTo(ReportClass.ROLLOVER_MISTAKE);
        assertThat(a.headerVersion()).isEqualTo("v1");
        assertThat(a.site()).isEqualTo("example.com");
        assertThat(a.reason()).contains("older header v1").contains("newest v3");
        assertThat(a.leaf().pin()).isEqualTo(LEAF_B.pin());
        assertThat(a.leaf().issuer()).startsWith("CN=Public CA R1,");
    }

    @Test
    void chainWithNoneOfOurPinsIsUnexpected() throws Exception {
        TestPki.Cert otherCa = TestPki.builder("Other CA").issuer(PUBLIC_ROOT).ca().issue();
        TestPki.Cert misissued = TestPki.builder("example.com").issuer(otherCa).issue();
        Analysis a = analyze(Reports.chromium("example.com", chain(misissued, otherCa),
                chain(misissued, otherCa, PUBLIC_ROOT), pins(LEAF_B.pin(), BACKUP)));
        assertThat(a.reportClass()).isEqualTo(ReportClass.UNEXPECTED_CHAIN);
        assertThat(a.reason()).contains("CN=Other CA");
        assertThat(a.headerVersion()).isEqualTo("v3");
    }

    @Test
    void chainEndingAtALocalRootIsInterception() throws Exception {
        TestPki.Cert proxyRoot = TestPki.root("Corporate Proxy Root");
        TestPki.Cert forged = TestPki.builder("example.com").issuer(proxyRoot).issue();
        Analysis a = analyze(Reports.chromium("example.com", chain(forged), chain(forged, proxyRoot),
                pins(LEAF_B.pin(), BACKUP)));
        assertThat(a.reportClass()).isEqualTo(ReportClass.INTERCEPTION);
        assertThat(a.reason()).contains("CN=Corporate Proxy Root");
        assertThat(a.root().pin()).isEqualTo(proxyRoot.pin());
    }

    @Test
    void hostWithoutPlanIsNoise() throws Exception {
        Analysis a = analyze(Reports.chromium("unrelated.test", chain(LEAF_B), chain(LEAF_B, INTERMEDIATE, PUBLIC_ROOT),
                pins(BACKUP)));
        assertThat(a.reportClass()).isEqualTo(ReportClass.NOISE);
        assertThat(a.site()).isNull();
    }

    /** A private CA the site deploys from, as pebble (or Let's Encrypt staging) is: root, intermediate. */
    static final TestPki.Cert PEBBLE_ROOT = TestPki.root("Pebble Root CA 0f8c2e");
    static final TestPki.Cert PEBBLE_CA = TestPki.builder("Pebble Intermediate CA 6a1d4f").issuer(PEBBLE_ROOT).ca().issue();

    /** {@link #PLAN}, deployed from the pebble-like CA: its deployments trust that root. */
    static ReportAnalyser trustingPebble() {
        SitePlan own = new SitePlan(PLAN.site(), PLAN.includeSubdomains(), PLAN.pins(), PLAN.headerVersions(),
                PLAN.timeline(), "shop", Set.of(PEBBLE_ROOT.pin()));
        return new ReportAnalyser(SitePlans.of(List.of(own)), PublicRoots.of(Set.of(PUBLIC_ROOT.pin())));
    }

    static Analysis analyze(ReportAnalyser analyzer, String json) throws MalformedReportException {
        return analyzer.analyze(new ReportParser().parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aChainToAPrivateRootTheSiteTrustsIsItsOwnSoItsRolloverMistakeShows() throws Exception {
        TestPki.Cert leafB = TestPki.builder("example.com").issuer(PEBBLE_CA).keyPair(KEY_B).dns("example.com").issue();
        String report = Reports.chromium("example.com", chain(leafB, PEBBLE_CA), chain(leafB, PEBBLE_CA, PEBBLE_ROOT),
                pins(LEAF_A.pin(), BACKUP));
        // a site that trusts only the public roots would see an interception
        assertThat(analyze(report).reportClass()).isEqualTo(ReportClass.INTERCEPTION);
        Analysis a = analyze(trustingPebble(), report);
        assertThat(a.reportClass()).isEqualTo(ReportClass.ROLLOVER_MISTAKE);
        assertThat(a.headerVersion()).isEqualTo("v1");
        assertThat(a.site()).isEqualTo("example.com");
    }

    @Test
    void aChainOfTheSitesPrivateCaWithNoneOfItsPinsIsUnexpectedNotInterception() throws Exception {
        TestPki.Cert stranger = TestPki.builder("example.com").issuer(PEBBLE_CA).dns("example.com").issue();
        Analysis a = analyze(trustingPebble(), Reports.chromium("example.com", chain(stranger, PEBBLE_CA),
                chain(stranger, PEBBLE_CA, PEBBLE_ROOT), pins(LEAF_B.pin(), BACKUP)));
        assertThat(a.reportClass()).isEqualTo(ReportClass.UNEXPECTED_CHAIN);
        assertThat(a.reason()).contains("CN=Pebble Intermediate CA 6a1d4f");
    }

    @Test
    void aChainToAnotherPrivateRootIsInterceptionEvenForASiteWithAPrivateCa() throws Exception {
        TestPki.Cert proxyRoot = TestPki.root("Company TLS Inspection Root");
        TestPki.Cert forged = TestPki.builder("example.com").issuer(proxyRoot).dns("example.com").issue();
        Analysis a = analyze(trustingPebble(), Reports.chromium("example.com", chain(forged), chain(forged, proxyRoot),
                pins(LEAF_B.pin(), BACKUP)));
        assertThat(a.reportClass()).isEqualTo(ReportClass.INTERCEPTION);
        assertThat(a.reason()).contains("CN=Company TLS Inspection Root").contains("shop");
        // the site's intermediate re-signed by a proxy does not make the proxy's chain the site's own
        TestPki.Cert resigned = TestPki.builder("Pebble Intermediate CA 6a1d4f").issuer(proxyRoot).ca().issue();
        TestPki.Cert leaf = TestPki.builder("example.com").issuer(resigned).dns("example.com").issue();
        assertThat(analyze(trustingPebble(), Reports.chromium("example.com", chain(leaf, resigned),
                chain(leaf, resigned, proxyRoot), pins(LEAF_B.pin(), BACKUP))).reportClass())
                .isEqualTo(ReportClass.INTERCEPTION);
    }

    @Test
    void unknownHostIsNoiseWhateverRootItsChainEndsAt() throws Exception {
        TestPki.Cert companyRoot = TestPki.root("ACME Corp Internal Root");
        TestPki.Cert intranet = TestPki.builder("wiki.corp.test").issuer(companyRoot).dns("wiki.corp.test").issue();
        Analysis a = analyze(Reports.chromium("wiki.corp.test", chain(intranet), chain(intranet, companyRoot), pins(BACKUP)));
        assertThat(a.reportClass()).isEqualTo(ReportClass.NOISE);
        assertThat(a.reason()).isEqualTo("no plan covers wiki.corp.test");
        assertThat(a.site()).isNull();
    }

    @Test
    void unreadableChainsAreNoise() throws Exception {
        Analysis a = analyze(Reports.chromium("example.com", List.of("not a certificate", "<script>"),
                List.of("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), pins(BACKUP)));
        assertThat(a.reportClass()).isEqualTo(ReportClass.NOISE);
        assertThat(a.served()).isEmpty();
        assertThat(a.validated()).isEmpty();
    }

    @Test
    void chainSatisfyingTheHeldPinsIsNoise() throws Exception {
        Analysis a = analyze(Reports.chromium("example.com", chain(LEAF_B), chain(LEAF_B, INTERMEDIATE, PUBLIC_ROOT),
                pins(LEAF_B.pin(), BACKUP)));
        assertThat(a.reportClass()).isEqualTo(ReportClass.NOISE);
        assertThat(a.headerVersion()).isEqualTo("v3");
    }

    @Test
    void currentHeaderMissingTheServedKeyIsOurMistakeToo() throws Exception {
        SitePlan forgetful = new SitePlan("example.com", false, PLAN.pins(),
                List.of(new HeaderVersion("only-backup", Set.of(LEAF_A.pin(), BACKUP), Instant.parse("2026-01-01T00:00:00Z"), null)),
                List.of());
        ReportAnalyser a = new ReportAnalyser(SitePlans.of(List.of(forgetful)), PublicRoots.of(Set.of(PUBLIC_ROOT.pin())));
        Analysis result = a.analyze(new ReportParser().parse(Reports.chromium("example.com", chain(LEAF_B),
                chain(LEAF_B, INTERMEDIATE, PUBLIC_ROOT), pins(LEAF_A.pin(), BACKUP)).getBytes(StandardCharsets.UTF_8)));
        assertThat(result.reportClass()).isEqualTo(ReportClass.ROLLOVER_MISTAKE);
        assertThat(result.reason()).contains("current header only-backup");
    }

    @Test
    void trustKitReportWithOnlyValidatedChainIsAnalysed() throws Exception {
        Analysis a = analyze(Reports.trustKit("com.example.app", "api.example.com",
                chain(LEAF_B, INTERMEDIATE, PUBLIC_ROOT), pins(LEAF_A.pin(), LEAF_B.pin(), BACKUP)));
        assertThat(a.headerVersion()).isEqualTo("v2");
        assertThat(a.reportClass()).isEqualTo(ReportClass.NOISE); // v2 pins key B: the chain satisfies it
        assertThat(a.checkedChain()).hasSize(3);
    }

    @Test
    void jdkTrustStoreHasPublicRoots() {
        assertThat(PublicRoots.jdk().size()).isGreaterThan(50);
        assertThat(PublicRoots.jdk().isPublic(PUBLIC_ROOT.pin())).isFalse();
    }
}
