package dev.pinkeeper.report.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.pinkeeper.report.PublicRoots;
import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportAnalyser;
import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.Reports;
import dev.pinkeeper.report.SitePlan;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.store.JournalEntry;
import dev.pinkeeper.testing.TestPki;

class ReportClassifierTest {
    static final TestPki.Cert PUBLIC = TestPki.root("Classifier Public Root");
    static final TestPki.Cert PRIVATE = TestPki.root("Classifier Proxy Root");

    static JournalEntry entry(String body) {
        return new JournalEntry(UUID.randomUUID(), Instant.parse("2026-11-22T12:00:00Z"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJournaledReportIsAnalysedIntoItsRowWithItsIdAndReceiptTime() {
        TestPki.Cert leaf = TestPki.builder("www.classify.test").issuer(PRIVATE).issue();
        JournalEntry e = entry(Reports.chromium("www.classify.test", List.of(leaf.pem(), PRIVATE.pem()),
                List.of(leaf.pem(), PRIVATE.pem()), List.of()));
        // a plan covers the host (without one, any chain is noise), and its deployments trust only public roots
        SitePlans plans = SitePlans.of(List.of(new SitePlan("classify.test", true, List.of(), List.of(), List.of())));
        ReceivedReport row = new ReportClassifier(new ReportAnalyser(plans, PublicRoots.of(Set.of(PUBLIC.pin()))))
                .classify(e);
        assertThat(row.id()).isEqualTo(e.id());
        assertThat(row.receivedAt()).isEqualTo(e.receivedAt());
        assertThat(row.hostname()).isEqualTo("www.classify.test");
        assertThat(row.reportClass()).isEqualTo(ReportClass.INTERCEPTION);
        assertThat(row.chainPins()).isEqualTo(leaf.pin().base64() + "," + PRIVATE.pin().base64());
        assertThat(row.body()).isEqualTo(new String(e.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aFailingAnalysisOrAnUnreadableBodyIsKeptAsNoiseNotThrown() {
        SitePlans broken = () -> {
            throw new IllegalStateException("plans unavailable");
        };
        ReportClassifier classifier = new ReportClassifier(new ReportAnalyser(broken, PublicRoots.of(Set.of())));
        ReceivedReport failed = classifier.classify(entry("{\"hostname\":\"h.classify.test\",\"port\":443}"));
        assertThat(failed.reportClass()).isEqualTo(ReportClass.NOISE);
        assertThat(failed.hostname()).isEqualTo("h.classify.test");
        assertThat(failed.reason()).startsWith("analysis failed: ").contains("plans unavailable");
        ReceivedReport unreadable = classifier.classify(entry("{not json"));
        assertThat(unreadable.reportClass()).isEqualTo(ReportClass.NOISE);
        assertThat(unreadable.reason()).startsWith("unreadable report: ");
    }
}
