package dev.pinkeeper.verify;

import static dev.pinkeeper.verify.LiveVerifierTest.BACKUP;
import static dev.pinkeeper.verify.LiveVerifierTest.GOOD_PKP;
import static dev.pinkeeper.verify.LiveVerifierTest.HOST;
import static dev.pinkeeper.verify.LiveVerifierTest.LEAF;
import static dev.pinkeeper.verify.LiveVerifierTest.codes;
import static dev.pinkeeper.verify.LiveVerifierTest.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.catalogue.CaCatalogue;
import dev.pinkeeper.pin.ChainValidator;
import dev.pinkeeper.pin.PkpHeader;

/** {@link LiveVerifier#verifyAgainst}: what is served compared with what a plan says, one finding per mismatch. */
class LiveVerifierPlanTest {
    static final String HSTS = "Strict-Transport-Security";
    static final String REPORT_URI = "https://reports.example.test/";
    static final PkpHeader PLANNED = new PkpHeader(false, 2592000L, false, REPORT_URI, List.of(LEAF.pin(), BACKUP));

    final LiveVerifier verifier = new LiveVerifier(new ChainValidator(List.of(LiveVerifierTest.ROOT.certificate())),
            CaCatalogue.bundled());

    @Test
    void whatThePlanSaysIsGood() {
        LiveReport report = verifier.verifyAgainst(response(HOST, "Public-Key-Pins", GOOD_PKP, HSTS, "max-age=31536000"),
                new ExpectedServing(List.of(LEAF.pin()), List.of(PLANNED)), Instant.now());

        assertThat(report.good()).as(report.findings().toString()).isTrue();
        assertThat(report.expectedPins()).containsExactly(LEAF.pin(), BACKUP);
    }

    @Test
    void eachMismatchIsOneFinding() {
        LiveResponse served = response(HOST, "Public-Key-Pins", GOOD_PKP, HSTS, "max-age=31536000");
        // the plan moved to the report-only header (a stage the served header is not in)
        PkpHeader reportOnly = new PkpHeader(true, 2592000L, false, REPORT_URI, List.of(LEAF.pin(), BACKUP));
        assertThat(codes(verifier.verifyAgainst(served, new ExpectedServing(List.of(LEAF.pin()), List.of(reportOnly)),
                Instant.now()))).containsExactly("mode-differs");
        // the ramp's next step
        PkpHeader longer = new PkpHeader(false, 5184000L, false, REPORT_URI, List.of(LEAF.pin(), BACKUP));
        assertThat(codes(verifier.verifyAgainst(served, new ExpectedServing(List.of(LEAF.pin()), List.of(longer)),
                Instant.now()))).containsExactly("max-age-differs");
        // includeSubDomains and another report-uri
        PkpHeader directives = new PkpHeader(false, 2592000L, true, "https://other.example.test/", List.of(LEAF.pin(), BACKUP));
        assertThat(codes(verifier.verifyAgainst(served, new ExpectedServing(List.of(LEAF.pin()), List.of(directives)),
                Instant.now()))).containsExactlyInAnyOrder("include-subdomains-differs", "report-uri-differs");
        // the plan rolled over to the key served as a backup: the leaf is pinned but not the current key
        assertThat(codes(verifier.verifyAgainst(served, new ExpectedServing(List.of(BACKUP), List.of(PLANNED)),
                Instant.now()))).containsExactly("leaf-not-current");
        // no pin header at all: one finding
        assertThat(codes(verifier.verifyAgainst(response(HOST, HSTS, "max-age=31536000"),
                new ExpectedServing(List.of(LEAF.pin()), List.of(PLANNED)), Instant.now())))
                .containsExactly("expected-pins-not-served");
        // both headers sent, the plan only enforces
        LiveResponse both = response(HOST, "Public-Key-Pins", GOOD_PKP, "Public-Key-Pins-Report-Only", GOOD_PKP,
                HSTS, "max-age=31536000");
        assertThat(codes(verifier.verifyAgainst(both, new ExpectedServing(List.of(LEAF.pin()), List.of(PLANNED)),
                Instant.now()))).containsExactly("header-not-planned");
    }
}
