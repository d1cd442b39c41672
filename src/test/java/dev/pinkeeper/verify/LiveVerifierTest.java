package dev.pinkeeper.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.analyse.Finding;
import dev.pinkeeper.analyse.Severity;
import dev.pinkeeper.catalogue.CaCatalogue;
import dev.pinkeeper.pin.ChainValidator;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.testing.TestPki;
import dev.pinkeeper.testing.TestPki.Cert;

/** {@link LiveVerifier} on responses built in memory: the checks themselves, without a server. */
class LiveVerifierTest {
    static final String HOST = "www.example.test";
    static final Cert ROOT = TestPki.root("Live Root");
    static final Cert CA = TestPki.intermediate("Live CA", ROOT);
    static final Cert LEAF = TestPki.leaf(CA, HOST);
    static final Pin BACKUP = TestPki.builder("backup").issue().pin();
    static final String GOOD_PKP = "pin-sha256=\"" + LEAF.pin().base64() + "\"; pin-sha256=\"" + BACKUP.base64()
            + "\"; max-age=2592000; report-uri=\"https://reports.example.test/\"";

    final LiveVerifier verifier = new LiveVerifier(new ChainValidator(List.of(ROOT.certificate())),
            CaCatalogue.bundled());

    static LiveResponse response(String host, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.computeIfAbsent(headers[i], k -> new java.util.ArrayList<>()).add(headers[i + 1]);
        }
        return new LiveResponse(new SiteAddress(host, 443, "/"), "192.0.2.1:443", "TLSv1.3", "TLS_AES_128_GCM_SHA256",
                List.of(LEAF.certificate(), CA.certificate()), 200, map);
    }

    static List<String> codes(LiveReport report) {
        return report.findings().stream().map(Finding::code).toList();
    }

    @Test
    void aPinnedSiteWithAYearOfHstsIsGood() {
        LiveReport report = verifier.verify(response(HOST, "Public-Key-Pins", GOOD_PKP,
                "Strict-Transport-Security", "max-age=31536000"), Instant.now());

        assertThat(report.good()).as(report.findings().toString()).isTrue();
        assertThat(report.findings()).isEmpty();
        assertThat(report.hsts().maxAge()).isEqualTo(31536000L);
        assertThat(report.chain().validatedChainPins()).containsExactly(LEAF.pin(), CA.pin(), ROOT.pin());
        assertThat(report.chain().servedChain().get(0).pinned()).isTrue();
        assertThat(report.chain().servedChain().get(1).pinned()).isFalse();
    }

    @Test
    void hstsFindings() {
        record Row(String value, String code, Severity severity) {
        }
        for (Row row : List.of(new Row("max-age=600", "hsts-short", Severity.WARNING),
                new Row("max-age=0", "hsts-max-age-zero", Severity.WARNING),
                new Row("includeSubDomains", "hsts-invalid", Severity.ERROR),
                new Row("max-age=31536000; preload", "hsts-preload-unmet", Severity.WARNING),
                new Row("max-age=63072000; includeSubDomains; preload", "hsts-preload", Severity.NOTE))) {
            LiveReport report = verifier.verify(response(HOST, "Public-Key-Pins", GOOD_PKP,
                    "Strict-Transport-Security", row.value()), Instant.now());
            assertThat(report.findings()).as(row.value())
                    .anyMatch(f -> f.code().equals(row.code()) && f.severity() == row.severity());
        }
    }

    @Test
    void shortHstsIsOnlyANoteWithoutPins() {
        LiveReport report = verifier.verify(response(HOST, "Strict-Transport-Security", "max-age=600"), Instant.now());

        assertThat(report.findings()).anyMatch(f -> f.code().equals("hsts-short") && f.severity() == Severity.NOTE);
        assertThat(report.good()).isTrue();
    }

    @Test
    void onlyTheFirstHstsFieldCountsAndASecondIsAWarning() {
        LiveReport report = verifier.verify(response(HOST, "Public-Key-Pins", GOOD_PKP,
                "Strict-Transport-Security", "max-age=31536000", "Strict-Transport-Security", "max-age=0"),
                Instant.now());

        assertThat(codes(report)).containsExactly("hsts-several");
        assertThat(report.hsts().maxAge()).isEqualTo(31536000L);
        assertThat(report.hstsValues()).hasSize(2);
    }

    @Test
    void expectedPins() {
        LiveResponse response = response(HOST, "Public-Key-Pins", GOOD_PKP,
                "Strict-Transport-Security", "max-age=31536000");

        assertThat(verifier.verify(response, List.of(BACKUP, LEAF.pin()), Instant.now()).good()).isTrue();
        LiveReport missingBackup = verifier.verify(response, List.of(LEAF.pin()), Instant.now());
        assertThat(codes(missingBackup)).containsExactly("pins-differ");
        LiveReport otherKey = verifier.verify(response, List.of(BACKUP, CA.pin()), Instant.now());
        assertThat(codes(otherKey)).containsExactly("leaf-not-expected", "pins-differ");
        LiveReport notServed = verifier.verify(response(HOST, "Strict-Transport-Security", "max-age=31536000"),
                List.of(LEAF.pin(), BACKUP), Instant.now());
        assertThat(codes(notServed)).containsExactly("expected-pins-not-served");
        assertThat(notServed.expectedPins()).containsExactly(LEAF.pin(), BACKUP);
    }

    @Test
    void expectedPinsWithoutAnyServedHeaderStillMeanPinningForHsts() {
        LiveReport report = verifier.verify(response(HOST, "Strict-Transport-Security", "max-age=600"),
                List.of(LEAF.pin(), BACKUP), Instant.now());

        assertThat(report.findings()).anyMatch(f -> f.code().equals("hsts-short") && f.severity() == Severity.WARNING);
    }

    @Test
    void anIpAddressSiteIsWarnedAboutAndItsNameNotChecked() {
        LiveReport report = verifier.verify(response("192.0.2.1", "Public-Key-Pins", GOOD_PKP,
                "Strict-Transport-Security", "max-age=31536000"), Instant.now());

        assertThat(codes(report)).containsExactly("ip-address");
        assertThat(report.chain().chainValid()).isTrue();
    }

    @Test
    void theChainIsCheckedAtTheGivenTime() {
        LiveReport report = verifier.verify(response(HOST, "Public-Key-Pins", GOOD_PKP,
                "Strict-Transport-Security", "max-age=31536000"), LEAF.certificate().getNotAfter().toInstant()
                .plusSeconds(1));

        assertThat(codes(report)).contains("chain-invalid");
        assertThat(report.findings().get(0).message()).contains("expired");
        assertThat(report.good()).isFalse();
    }
}
