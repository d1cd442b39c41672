package dev.pinkeeper.report.http;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import dev.pinkeeper.report.PublicRoots;
import dev.pinkeeper.report.ReportAnalyzer;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.store.DatabaseFeeder;
import dev.pinkeeper.report.store.JournalWriter;
import dev.pinkeeper.report.store.ReportJournal;
import dev.pinkeeper.report.store.ReportStore;

/**
 * The report collector: a Jetty server that takes violation reports. Before answering 204 it only
 * validates a report and fsyncs it to the journal in {@code stateDirectory/journal} (group
 * commit); afterwards the {@link DatabaseFeeder} classifies the journaled reports and stores them
 * in the database in large batches. On a second address, its operators' only
 * ({@link CollectorConfig#operator()}: loopback by default), it serves the dashboard and
 * {@code /metrics}; the report address answers nothing but reports.
 *
 * <pre>{@code
 * try (ReportStore store = JdbcReportStore.open(Databases.embeddedUrl(state));
 *      CollectorServer server = CollectorServer.start(CollectorConfig.defaults("127.0.0.1", 8080),
 *              store, SitePlans.none(), state)) {
 *     server.join();
 * }
 * }</pre>
 */
public final class CollectorServer implements AutoCloseable {
    /** Most connections open at once; more wait to be accepted. */
    static final int MAX_CONNECTIONS = 10_000;
    /** Most connections open at once on the operator address. */
    static final int MAX_OPERATOR_CONNECTIONS = 256;

    private final Server server;
    private final ServerConnector connector;
    private final ServerConnector operatorConnector;
    private final ReportJournal journal;
    private final JournalWriter writer;
    private final DatabaseFeeder feeder;
    private final CollectorMetrics metrics;

    private CollectorServer(Server server, ServerConnector connector, ServerConnector operatorConnector,
            ReportJournal journal, JournalWriter writer, DatabaseFeeder feeder, CollectorMetrics metrics) {
        this.server = server;
        this.connector = connector;
        this.operatorConnector = operatorConnector;
        this.journal = journal;
        this.writer = writer;
        this.feeder = feeder;
        this.metrics = metrics;
    }

    /**
     * Starts listening. The store is not closed by {@link #close()}: its owner closes it.
     *
     * @throws IOException if the port cannot be bound or the journal cannot be opened
     */
    public static CollectorServer start(CollectorConfig config, ReportStore store, SitePlans plans, Path stateDirectory)
            throws IOException {
        return start(config, store, plans, PublicRoots.jdk(), stateDirectory);
    }

    /** As {@link #start(CollectorConfig, ReportStore, SitePlans, Path)}, with the given public roots. */
    public static CollectorServer start(CollectorConfig config, ReportStore store, SitePlans plans, PublicRoots roots,
            Path stateDirectory) throws IOException {
        CollectorMetrics metrics = new CollectorMetrics();
        ReportJournal journal = new ReportJournal(stateDirectory.resolve("journal"));
        DatabaseFeeder feeder = new DatabaseFeeder(journal, store, new ReportClassifier(new ReportAnalyzer(plans, roots)),
                metrics);
        metrics.watch(feeder);
        JournalWriter writer = new JournalWriter(journal, count -> {
            metrics.journaled(count);
            feeder.journaled(count);
        });
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("pinkeeper-collector");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        if (config.behindProxy()) {
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);
        ServerConnector operatorConnector = null;
        OperatorAccess operator = config.operator();
        if (operator.enabled()) {
            operatorConnector = new ServerConnector(server, new HttpConnectionFactory(http));
            operatorConnector.setHost(operator.host());
            operatorConnector.setPort(operator.port());
            operatorConnector.setIdleTimeout(config.idleTimeout().toMillis());
            server.addConnector(operatorConnector);
        }
        // slow senders of headers hold no thread (Jetty parses them asynchronously), only a connection:
        // cap the connections so that many of them cannot exhaust file descriptors; the operator address has
        // its own cap, so that a flood of reports never keeps the operators from their dashboard
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        if (operatorConnector != null) {
            server.addBean(new NetworkConnectionLimit(MAX_OPERATOR_CONNECTIONS, operatorConnector));
        }
        CollectorErrorHandler errors = new CollectorErrorHandler(metrics);
        errors.countRefusalsOf(connector);
        server.setErrorHandler(errors);
        ReportIntake intake = new ReportIntake(writer, config.writeTimeout().toMillis(), Clock.systemUTC());
        server.setHandler(new ReportHandler(config, intake, metrics, new DashboardEndpoint(store, plans, feeder::pending),
                operatorConnector, server.getScheduler(), threads));
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            close(writer, feeder, journal);
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IOException("cannot listen on " + addresses(config) + ": " + e.getMessage(), e);
        }
        return new CollectorServer(server, connector, operatorConnector, journal, writer, feeder, metrics);
    }

    private static String addresses(CollectorConfig config) {
        OperatorAccess operator = config.operator();
        return config.host() + ":" + config.port()
                + (operator.enabled() ? " (operator address " + operator.host() + ":" + operator.port() + ")" : "");
    }

    /** The port reports are taken on (the one chosen when the configuration said 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * The port of the dashboard, {@code /metrics} and the health endpoints (the one chosen when the
     * configuration said 0), or -1 when they are disabled.
     */
    public int operatorPort() {
        return operatorConnector == null ? -1 : operatorConnector.getLocalPort();
    }

    /** The metrics, as {@code /metrics} serves them. */
    public CollectorMetrics metrics() {
        return metrics;
    }

    /** Whether the database is down: reports are still acknowledged, and wait in the journal. */
    public boolean isDatabaseDown() {
        return feeder.isDatabaseDown();
    }

    /** Reports acknowledged but not yet stored in the database. */
    public long pending() {
        return feeder.pending();
    }

    /** Waits until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Stops accepting requests, journals what is queued, then stores what the journal holds (if the
     * database answers; otherwise the journal keeps it for the next start).
     */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
        close(writer, feeder, journal);
    }

    private static void close(JournalWriter writer, DatabaseFeeder feeder, ReportJournal journal) {
        writer.close();
        boolean stored = feeder.finish();
        try {
            journal.close(stored);
        } catch (IOException ignored) {
            // every entry in it is already durable
        }
    }
}
