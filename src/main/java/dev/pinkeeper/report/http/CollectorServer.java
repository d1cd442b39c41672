package dev.pinkeeper.report.http;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.report.PublicRoots;
import dev.pinkeeper.report.ReportAnalyser;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.store.DatabaseFeeder;
import dev.pinkeeper.report.store.JournalWriter;
import dev.pinkeeper.report.store.ReportJournal;
import dev.pinkeeper.report.store.ReportStore;
import dev.pinkeeper.report.store.StoreStatus;
import dev.pinkeeper.site.SiteLayout;

/**
 * The report collector: a Jetty server that takes violation reports. Before answering 204 it only
 * validates a report and fsyncs it to the journal in {@code stateDirectory/journal} (group
 * commit); afterwards the {@link DatabaseFeeder} classifies the journaled reports and stores them
 * in the database in large batches. On a second address, its operators' only
 * ({@link CollectorConfig#operator()}: loopback by default), it serves the dashboard, {@code /metrics}
 * and {@code /health} (503 with a one-line reason while the store is down or stalled); the report
 * address answers nothing but reports.
 *
 * <p>Starting does one thing at a time, and nothing before its addresses are bound: a taken port ends
 * the start before the state directory, the journal or the database is created or changed. Then the
 * state directory (0700 if created), the journal and its lock, then the store.
 *
 * <pre>{@code
 * try (CollectorServer server = CollectorServer.start(CollectorConfig.defaults("127.0.0.1", 8080),
 *         () -> JdbcReportStore.open(Databases.embeddedUrl(state)), SitePlans.none(), PublicRoots.jdk(), state)) {
 *     server.join();
 * }
 * }</pre>
 */
public final class CollectorServer implements AutoCloseable {
    /** Most connections open at once; more wait to be accepted. */
    static final int MAX_CONNECTIONS = 10_000;
    /** Most connections open at once on the operator address. */
    static final int MAX_OPERATOR_CONNECTIONS = 256;

    /** Opens the store, once the address is bound and the journal is locked. */
    @FunctionalInterface
    public interface StoreOpener {
        ReportStore open() throws IOException, SQLException;
    }

    /** The address cannot be bound: nothing was created or changed. */
    public static final class AddressInUseException extends IOException {
        private static final long serialVersionUID = 1L;

        AddressInUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final ServerConnector operatorConnector;
    private final ReportJournal journal;
    private final JournalWriter writer;
    private final DatabaseFeeder feeder;
    private final CollectorMetrics metrics;
    private final ReportStore ownedStore;

    private CollectorServer(Server server, ServerConnector connector, ServerConnector operatorConnector,
            ReportJournal journal, JournalWriter writer, DatabaseFeeder feeder, CollectorMetrics metrics,
            ReportStore ownedStore) {
        this.server = server;
        this.connector = connector;
        this.operatorConnector = operatorConnector;
        this.journal = journal;
        this.writer = writer;
        this.feeder = feeder;
        this.metrics = metrics;
        this.ownedStore = ownedStore;
    }

    /**
     * Starts listening with a store opened by its caller, who also closes it ({@link #close()} does not).
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
        try {
            return start(config, () -> store, false, plans, roots, stateDirectory, DatabaseFeeder.STALL_AFTER);
        } catch (SQLException e) {
            throw new IllegalStateException("an open store was given", e);
        }
    }

    /**
     * Binds the address, creates the state directory and the journal, then opens the store with
     * {@code opener}; the server owns that store and closes it.
     *
     * @throws AddressInUseException if the address cannot be bound (nothing was created)
     * @throws IOException           if the journal cannot be opened (another collector holds it, a full disk)
     * @throws SQLException          if {@code opener} fails
     */
    public static CollectorServer start(CollectorConfig config, StoreOpener opener, SitePlans plans, PublicRoots roots,
            Path stateDirectory) throws IOException, SQLException {
        return start(config, opener, true, plans, roots, stateDirectory, DatabaseFeeder.STALL_AFTER);
    }

    /** As above, with the stall limit of the store ({@link DatabaseFeeder#STALL_AFTER} by default): for tests. */
    static CollectorServer start(CollectorConfig config, StoreOpener opener, boolean ownsStore, SitePlans plans,
            PublicRoots roots, Path stateDirectory, Duration stallAfter) throws IOException, SQLException {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("pinkeeper-collector");
        Server server = new Server(threads);
        ServerConnector[] listeners = listen(config, server);
        ServerConnector connector = listeners[0];
        ServerConnector operatorConnector = listeners[1];
        ReportJournal journal = null;
        ReportStore store = null;
        JournalWriter writer = null;
        DatabaseFeeder feeder = null;
        try {
            try {
                SafeFiles.createPrivateDirectories(stateDirectory);
            } catch (IOException e) {
                throw new IOException(stateDirectory + ": cannot create the state directory: " + e, e);
            }
            journal = new ReportJournal(SiteLayout.journal(stateDirectory));
            store = opener.open();
            CollectorMetrics metrics = new CollectorMetrics();
            feeder = new DatabaseFeeder(journal, store, new ReportClassifier(new ReportAnalyser(plans, roots)), metrics,
                    stallAfter);
            metrics.watch(feeder);
            DatabaseFeeder fed = feeder;
            writer = new JournalWriter(journal, count -> {
                metrics.journaled(count);
                fed.journaled(count);
            });
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
                    operatorConnector, feeder::status, server.getScheduler(), threads));
            server.setStopTimeout(5_000);
            server.start();
            return new CollectorServer(server, connector, operatorConnector, journal, writer, feeder, metrics,
                    ownsStore ? store : null);
        } catch (Exception e) {
            abandon(server, listeners, writer, feeder, journal, ownsStore ? store : null);
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof SQLException sql) {
                throw sql;
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("cannot start the collector: " + e.getMessage(), e);
        }
    }

    /**
     * The report address's connector and the operator address's (null when it is off), both open: opened before
     * anything else, so that a taken port changes nothing.
     */
    private static ServerConnector[] listen(CollectorConfig config, Server server) throws AddressInUseException {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        if (config.behindProxy()) {
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        ServerConnector connector = connector(server, http, config.host(), config.port(), config);
        OperatorAccess operator = config.operator();
        ServerConnector operatorConnector = operator.enabled()
                ? connector(server, http, operator.host(), operator.port(), config) : null;
        try {
            connector.open(); // first: a taken port must change nothing
            if (operatorConnector != null) {
                operatorConnector.open();
            }
        } catch (IOException | RuntimeException e) {
            connector.close();
            if (operatorConnector != null) {
                operatorConnector.close();
            }
            throw new AddressInUseException("cannot listen on " + addresses(config) + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        return new ServerConnector[] {connector, operatorConnector};
    }

    private static ServerConnector connector(Server server, HttpConfiguration http, String host, int port,
            CollectorConfig config) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);
        return connector;
    }

    /** Undoes a start that failed halfway: the server stopped, the listeners closed, what was opened closed. */
    private static void abandon(Server server, ServerConnector[] listeners, JournalWriter writer,
            DatabaseFeeder feeder, ReportJournal journal, ReportStore ownedStore) throws SQLException, IOException {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing
        }
        for (ServerConnector listener : listeners) {
            if (listener != null) {
                listener.close();
            }
        }
        if (writer != null) {
            close(writer, feeder, journal);
        } else {
            if (feeder != null) {
                feeder.finish();
            }
            if (journal != null) {
                journal.close(true); // its new segment is empty: nothing was journaled
            }
        }
        if (ownedStore != null) {
            ownedStore.close();
        }
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
        if (ownedStore != null) {
            ownedStore.close();
        }
    }

    /** Whether reports reach the store, as {@code /health} says. */
    public StoreStatus storeStatus() {
        return feeder.status();
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
