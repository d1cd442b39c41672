package dev.pinkeeper.report.http;

import java.time.Duration;

import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.store.DurableWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The collector's Prometheus metrics: {@code pinkeeper_reports_received_total},
 * {@code pinkeeper_reports_rejected_total{reason}}, {@code pinkeeper_reports_stored_total},
 * {@code pinkeeper_reports_spooled_total}, {@code pinkeeper_reports_replayed_total},
 * {@code pinkeeper_reports_classified_total{class}}, the request latency histogram
 * {@code pinkeeper_report_request_seconds} and the group-commit batch sizes
 * {@code pinkeeper_report_batch_reports{outcome}} (reports per database commit or per spool fsync).
 */
public final class CollectorMetrics implements DurableWriter.Listener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter received = Counter.builder("pinkeeper.reports.received")
            .description("Report requests received").register(registry);
    private final Counter stored = Counter.builder("pinkeeper.reports.stored")
            .description("Reports committed to the database on arrival").register(registry);
    private final Counter spooled = Counter.builder("pinkeeper.reports.spooled")
            .description("Reports spooled to disk while the database was down").register(registry);
    private final Counter replayed = Counter.builder("pinkeeper.reports.replayed")
            .description("Spooled reports written to the database once it returned").register(registry);
    private final DistributionSummary storedBatches = batches("stored");
    private final DistributionSummary spooledBatches = batches("spooled");
    private final Timer latency = Timer.builder("pinkeeper.report.request")
            .description("Time to answer a report request").publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);

    public CollectorMetrics() {
        for (Rejection reason : Rejection.values()) {
            rejectedCounter(reason); // present at 0 from the start
        }
        for (ReportClass rc : ReportClass.values()) {
            classifiedCounter(rc);
        }
    }

    /** A report request arrived. */
    public void received() {
        received.increment();
    }

    /** A request was refused. */
    public void rejected(Rejection reason) {
        rejectedCounter(reason).increment();
    }

    /** A report was classified. */
    public void classified(ReportClass reportClass) {
        classifiedCounter(reportClass).increment();
    }

    /** A report request took {@code nanos} to answer. */
    public void answered(long nanos) {
        latency.record(Duration.ofNanos(nanos));
    }

    private DistributionSummary batches(String outcome) {
        return DistributionSummary.builder("pinkeeper.report.batch").baseUnit("reports")
                .description("Reports written by one database commit or one spool fsync (group commit)")
                .tag("outcome", outcome).publishPercentiles(0.5, 0.99).register(registry);
    }

    private Counter rejectedCounter(Rejection reason) {
        return Counter.builder("pinkeeper.reports.rejected").description("Report requests refused, by reason")
                .tag("reason", reason.label()).register(registry);
    }

    private Counter classifiedCounter(ReportClass reportClass) {
        return Counter.builder("pinkeeper.reports.classified").description("Reports accepted, by class")
                .tag("class", reportClass.label()).register(registry);
    }

    @Override
    public void stored(int count) {
        stored.increment(count);
        storedBatches.record(count);
    }

    @Override
    public void spooled(int count) {
        spooled.increment(count);
        spooledBatches.record(count);
    }

    @Override
    public void replayed(int count) {
        replayed.increment(count);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
