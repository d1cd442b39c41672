package dev.pinkeeper.report.http;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import dev.pinkeeper.report.MalformedReportException;
import dev.pinkeeper.report.ReportParser;
import dev.pinkeeper.report.store.JournalEntry;
import dev.pinkeeper.report.store.JournalWriter;
import dev.pinkeeper.report.store.ReportIds;

/**
 * What happens to a report body before its 204: validate it (a streaming parse, no tree), give it
 * an id, and journal it durably (group commit). Its analysis comes later, from the journal
 * ({@link ReportClassifier}). Thread-safe.
 */
public final class ReportIntake {
    private final ReportParser parser = new ReportParser();
    private final JournalWriter writer;
    private final long writeTimeoutMillis;
    private final Clock clock;

    public ReportIntake(JournalWriter writer, long writeTimeoutMillis, Clock clock) {
        this.writer = writer;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.clock = clock;
    }

    /**
     * Validates one report body now and queues it for the next journal fsync. The future completes
     * (on the writer thread) once the report is durable, or with an {@link java.io.IOException} if
     * it is not (answer 503).
     *
     * @throws MalformedReportException if the body is not a report (answer 400)
     */
    public CompletableFuture<Void> submit(byte[] body) throws MalformedReportException {
        parser.parse(body);
        Instant now = clock.instant();
        return writer.submit(new JournalEntry(ReportIds.next(now.toEpochMilli()), now, body), writeTimeoutMillis);
    }
}
