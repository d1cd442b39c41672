package dev.pinkeeper.report.http;

import java.nio.charset.StandardCharsets;

import dev.pinkeeper.report.Analysis;
import dev.pinkeeper.report.MalformedReportException;
import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportAnalyser;
import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.ReportFormat;
import dev.pinkeeper.report.ReportParser;
import dev.pinkeeper.report.ViolationReport;
import dev.pinkeeper.report.store.DatabaseFeeder;
import dev.pinkeeper.report.store.JournalEntry;

/**
 * Turns a journaled report into its classified row, after its 204: parses the body again and
 * analyses it (chains, pins, plans). Runs on the {@link DatabaseFeeder}'s thread.
 */
public final class ReportClassifier implements DatabaseFeeder.Classifier {
    private final ReportParser parser = new ReportParser();
    private final ReportAnalyser analyzer;

    public ReportClassifier(ReportAnalyser analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The classified row of a journaled report. Never throws: a body that no longer parses, or whose
     * analysis fails, is kept as noise with the reason (a report that could not be stored would hold
     * up every report journaled after it).
     */
    @Override
    public ReceivedReport classify(JournalEntry entry) {
        String body = new String(entry.body(), StandardCharsets.UTF_8);
        ViolationReport report;
        try {
            report = parser.parse(entry.body());
        } catch (MalformedReportException e) {
            return noise(entry, null, "unreadable report: " + e.getMessage(), body);
        }
        try {
            Analysis analysis = analyzer.analyze(report);
            return ReceivedReport.of(entry.id(), entry.receivedAt(), report, analysis, body);
        } catch (RuntimeException e) {
            return noise(entry, report, "analysis failed: " + e, body);
        }
    }

    private static ReceivedReport noise(JournalEntry entry, ViolationReport report, String reason, String body) {
        return new ReceivedReport(entry.id(), entry.receivedAt(), report == null ? ReportFormat.RFC7469 : report.format(),
                report == null ? "(unreadable)" : report.hostname(), report == null ? null : report.port(),
                report == null ? null : report.notedHostname(), null, ReportClass.NOISE, reason, null, null, null, null,
                "", "", report == null || report.app() == null ? null : report.app().bundleId(), body);
    }
}
