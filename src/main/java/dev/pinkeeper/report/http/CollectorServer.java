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
import dev.pinkeeper.report.store.DurableWriter;
import dev.pinkeeper.report.store.ReportStore;
import dev.pinkeeper.report.store.Spool;

/**
 * The report collector: a Jetty server that takes violation reports, analyses them, and stores
 * them durably (database, else the spool in {@code stateDirectory/spool}); it also serves the
 * dashboard and {@code /metrics}.
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

    private final Server server;
    private final ServerConnector connector;
    private final DurableWriter writer;
    private final Spool spool;
    private final CollectorMetrics metrics;

    private CollectorServer(Server server, ServerConnector connector, DurableWriter writer, Spool spool,
            CollectorMetrics metrics) {
        this.server = server;
        this.connector = connector;
        this.writer = writer;
        this.spool = spool;
        this.metrics = metrics;
    }

    /**
     * Starts listening. The store is not closed by {@link #close()}: its owner closes it.
     *
     * @throws IOException if the port cannot be bound or the spool cannot be opened
     */
    public static CollectorServer start(CollectorConfig config, ReportStore store, SitePlans plans, Path stateDirectory)
            throws IOException {
        return start(config, store, plans, PublicRoots.jdk(), stateDirectory);
    }

    /** As {@link #start(CollectorConfig, ReportStore, SitePlans, Path)}, with the given public roots. */
    public static CollectorServer start(CollectorConfig config, ReportStore store, SitePlans plans, PublicRoots roots,
            Path stateDirectory) throws IOException {
        CollectorMetrics metrics = new CollectorMetrics();
        Spool spool = new Spool(stateDirectory.resolve("spool").resolve("reports.spool"));
        DurableWriter writer = new DurableWriter(store, spool, metrics);
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
        // slow senders of headers hold no thread (Jetty parses them asynchronously), only a connection:
        // cap the connections so that many of them cannot exhaust file descriptors
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        ReportIntake intake = new ReportIntake(new ReportAnalyzer(plans, roots), writer, metrics,
                config.writeTimeout().toMillis(), Clock.systemUTC());
        server.setHandler(new ReportHandler(config, intake, metrics, new DashboardEndpoint(store, plans),
                server.getScheduler()));
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            writer.close();
            spool.close();
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        return new CollectorServer(server, connector, writer, spool, metrics);
    }

    /** The port listened on (the one chosen when the configuration said 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The metrics, as {@code /metrics} serves them. */
    public CollectorMetrics metrics() {
        return metrics;
    }

    /** Whether reports are being spooled because the database is down. */
    public boolean isSpooling() {
        return writer.isDatabaseDown();
    }

    /** Waits until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops accepting requests, then writes what is queued. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
        writer.close();
        try {
            spool.close();
        } catch (IOException ignored) {
            // nothing left to write
        }
    }
}
