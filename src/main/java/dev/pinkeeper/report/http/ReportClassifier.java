package dev.pinkeeper.report.http;

import java.nio.charset.StandardCharsets;

import dev.pinkeeper.report.Analysis;
import dev.pinkeeper.report.MalformedReportException;
import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportAnalyzer;
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
    private final ReportAnalyzer analyzer;

    public ReportClassifier(ReportAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The classified row of a journaled report. A body that no longer parses is kept as noise. */
    @Override
    public ReceivedReport classify(JournalEntry entry) {
        String body = new String(entry.body(), StandardCharsets.UTF_8);
        ViolationReport report;
        try {
            report = parser.parse(entry.body());
        } catch (MalformedReportException e) {
            return new ReceivedReport(entry.id(), entry.receivedAt(), ReportFormat.RFC7469, "(unreadable)", null, null,
                    null, ReportClass.NOISE, "unreadable report: " + e.getMessage(), null, null, null, null, "", "",
                    null, body);
        }
        Analysis analysis = analyzer.analyze(report);
        return ReceivedReport.of(entry.id(), entry.receivedAt(), report, analysis, body);
    }
}
