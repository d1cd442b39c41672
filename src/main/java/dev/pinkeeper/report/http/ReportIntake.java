package dev.pinkeeper.report.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.pinkeeper.report.Analysis;
import dev.pinkeeper.report.MalformedReportException;
import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportAnalyzer;
import dev.pinkeeper.report.ReportParser;
import dev.pinkeeper.report.ViolationReport;
import dev.pinkeeper.report.store.DurableWriter;

/**
 * What happens to a report body the server accepted: parse it, give it an id, analyse it, and
 * store or spool it durably (group commit). Thread-safe.
 */
public final class ReportIntake {
    private final ReportParser parser = new ReportParser();
    private final ReportAnalyzer analyzer;
    private final DurableWriter writer;
    private final CollectorMetrics metrics;
    private final long writeTimeoutMillis;
    private final Clock clock;

    public ReportIntake(ReportAnalyzer analyzer, DurableWriter writer, CollectorMetrics metrics,
            long writeTimeoutMillis, Clock clock) {
        this.analyzer = analyzer;
        this.writer = writer;
        this.metrics = metrics;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.clock = clock;
    }

    /**
     * Takes one report body. Returns only once it is stored or spooled durably.
     *
     * @throws MalformedReportException if the body is not a report (answer 400)
     * @throws IOException if it could be neither stored nor spooled (answer 503)
     */
    public ReceivedReport accept(byte[] body) throws MalformedReportException, IOException {
        try {
            return submit(body).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Parses and analyses one report body now, and queues it for the next group commit. The
     * future completes (on the writer thread) once the report is stored or spooled durably, or
     * with an {@link IOException} if it was neither (answer 503).
     *
     * @throws MalformedReportException if the body is not a report (answer 400)
     */
    public CompletableFuture<ReceivedReport> submit(byte[] body) throws MalformedReportException {
        ViolationReport report = parser.parse(body);
        Analysis analysis = analyzer.analyze(report);
        ReceivedReport received = ReceivedReport.of(UUID.randomUUID(), clock.instant(), report, analysis,
                new String(body, StandardCharsets.UTF_8));
        return writer.submit(received, writeTimeoutMillis).thenApply(outcome -> {
            metrics.classified(analysis.reportClass());
            return received;
        });
    }
}
