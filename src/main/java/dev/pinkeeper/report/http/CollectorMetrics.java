package dev.pinkeeper.report.http;

import java.time.Duration;
import java.util.List;

import dev.pinkeeper.report.ReceivedReport;
import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.store.DatabaseFeeder;
import dev.pinkeeper.report.store.JournalWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The collector's Prometheus metrics: {@code pinkeeper_reports_received_total},
 * {@code pinkeeper_reports_rejected_total{reason}}, {@code pinkeeper_reports_journaled_total}
 * (acknowledged: fsynced to the journal), {@code pinkeeper_reports_stored_total} (classified and
 * committed to the database), {@code pinkeeper_reports_pending} (acknowledged, not stored yet),
 * {@code pinkeeper_database_up} (0 while the store is down or stalled), {@code pinkeeper_store_stalled_seconds}
 * (how long reports have waited without one being stored), {@code pinkeeper_store_damaged},
 * {@code pinkeeper_reports_classified_total{class}}, the request
 * latency histogram {@code pinkeeper_report_request_seconds} and the batch sizes
 * {@code pinkeeper_report_batch_reports{outcome}} (reports per journal fsync or per database commit).
 */
public final class CollectorMetrics implements JournalWriter.Listener, DatabaseFeeder.Listener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter received = Counter.builder("pinkeeper.reports.received")
            .description("Report requests received").register(registry);
    private final Counter stored = Counter.builder("pinkeeper.reports.stored")
            .description("Reports classified and committed to the database").register(registry);
    private final Counter journaled = Counter.builder("pinkeeper.reports.journaled")
            .description("Reports fsynced to the journal, then acknowledged").register(registry);
    private final java.util.Map<ReportClass, Counter> classified = new java.util.EnumMap<>(ReportClass.class);
    private final DistributionSummary storedBatches = batches("stored");
    private final DistributionSummary journaledBatches = batches("journaled");
    private final Timer latency = Timer.builder("pinkeeper.report.request")
            .description("Time to answer a report request").publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);

    public CollectorMetrics() {
        for (Rejection reason : Rejection.values()) {
            rejectedCounter(reason); // present at 0 from the start
        }
        for (ReportClass rc : ReportClass.values()) {
            classified.put(rc, classifiedCounter(rc));
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

    /** Publishes how many reports wait for {@code feeder} and whether its database answers. */
    public void watch(DatabaseFeeder feeder) {
        Gauge.builder("pinkeeper.reports.pending", feeder, DatabaseFeeder::pending)
                .description("Reports acknowledged but not yet stored in the database").register(registry);
        Gauge.builder("pinkeeper.database.up", feeder, f -> f.status().healthy() ? 1 : 0)
                .description("1 while the database takes reports, 0 while they wait in the journal (down or stalled)")
                .register(registry);
        Gauge.builder("pinkeeper.store.stalled", feeder, f -> f.status().stalledSeconds()).baseUnit("seconds")
                .description("How long reports have waited without one being stored (0 while the store keeps up)")
                .register(registry);
        Gauge.builder("pinkeeper.store.damaged", feeder, f -> f.status().damaged() ? 1 : 0)
                .description("1 while the database says its files are damaged: repair the store").register(registry);
    }

    /** A report request took {@code nanos} to answer. */
    public void answered(long nanos) {
        latency.record(Duration.ofNanos(nanos));
    }

    private DistributionSummary batches(String outcome) {
        return DistributionSummary.builder("pinkeeper.report.batch").baseUnit("reports")
                .description("Reports written by one journal fsync (group commit) or one database commit")
                .tag("outcome", outcome).publishPercentiles(0.5, 0.99).register(registry);
    }

    private Counter rejectedCounter(Rejection reason) {
        return Counter.builder("pinkeeper.reports.rejected").description("Report requests refused, by reason")
                .tag("reason", reason.label()).register(registry);
    }

    private Counter classifiedCounter(ReportClass reportClass) {
        return Counter.builder("pinkeeper.reports.classified").description("Reports classified and stored, by class")
                .tag("class", reportClass.label()).register(registry);
    }

    @Override
    public void journaled(int count) {
        journaled.increment(count);
        journaledBatches.record(count);
    }

    @Override
    public void stored(List<ReceivedReport> reports) {
        stored.increment(reports.size());
        storedBatches.record(reports.size());
        for (ReceivedReport r : reports) {
            classified.get(r.reportClass()).increment();
        }
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
