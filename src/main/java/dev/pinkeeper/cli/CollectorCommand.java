package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.SitesOption;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.pinkeeper.cli.options.HostPort;
import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.report.PublicRoots;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.http.CollectorConfig;
import dev.pinkeeper.report.http.CollectorServer;
import dev.pinkeeper.report.http.OperatorAccess;
import dev.pinkeeper.report.http.OperatorToken;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.H2Import;
import dev.pinkeeper.report.store.JdbcReportStore;
import dev.pinkeeper.report.store.DatabaseFeeder;
import dev.pinkeeper.report.store.ReportJournal;
import dev.pinkeeper.report.store.StoreRepair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper collector}: receive pin violation reports, store them, serve the dashboard. */
@Command(name = "collector", mixinStandardHelpOptions = true, subcommands = CollectorExportPlansCommand.class,
        header = "Receive pin violation reports, store them, and serve a dashboard and metrics.",
        description = {"Receive RFC 7469 and TrustKit pin violation reports (POST to any path of --listen), analyse and",
                "store them; serve the dashboard at /, Prometheus metrics at /metrics and the store's health at /health",
                "on --operator-listen only. Runs until stopped (SIGTERM). Reports of an earlier version's H2 store",
                "(reports.mv.db) are imported into the SQLite store (reports.db) at the first start."})
final class CollectorCommand implements Callable<Integer> {
    /** The collector's own lines (start, stop, store): {@code INFO … collector: listening on …}. */
    private static final Logger LOG = LoggerFactory.getLogger("dev.pinkeeper.collector");

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8470",
            description = "Address to listen on (default ${DEFAULT-VALUE}; port 0 picks a free one).")
    String listen;

    @Option(names = "--operator-listen", paramLabel = "HOST:PORT|none", defaultValue = "127.0.0.1:" + OperatorAccess.DEFAULT_PORT,
            description = "Address of the dashboard, /metrics and the health endpoints, which show every site's names, "
                    + "key ids, pins and timeline: keep it on loopback or a private network (default ${DEFAULT-VALUE}; "
                    + "none: not served). The --listen address takes reports and nothing else.")
    String operatorListen;

    @Option(names = "--operator-token-file", paramLabel = "FILE",
            description = "Require the token in FILE (one line, at least 32 characters, mode 0600) on the operator address: "
                    + "Authorization: Bearer TOKEN, or any user name with the token as password.")
    Path operatorTokenFile;

    @Mixin
    ReportStoreOptions store;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "Site plans (pins, roles, header versions, timeline) as JSON, to classify reports "
                    + "(default: the plans kept in the state directory). Either is re-read when it changes.")
    Path plan;

    @Mixin
    SitesOption sitesOption;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "65536",
            description = "Largest report accepted (default ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "20",
            description = "Reports per second accepted from one client address (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--burst", paramLabel = "N", defaultValue = "100",
            description = "Reports one client may send at once (default ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--behind-proxy",
            description = "Take the client address from Forwarded / X-Forwarded-For (only behind a trusted proxy).")
    boolean behindProxy;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() throws Exception {
        HostPort reports = HostPort.parse("--listen", listen);
        String host = reports.host();
        int port = reports.port();
        if (maxBody < 1 || rate <= 0 || burst < 1) {
            throw new UsageException("--max-body, --rate and --burst must be positive");
        }
        OperatorAccess operator = operatorAccess(host, port);
        if (maxBody > ReportJournal.MAX_BODY_BYTES) {
            throw new UsageException("--max-body: at most " + ReportJournal.MAX_BODY_BYTES + " bytes (the journal's largest entry)");
        }
        if (plan != null && !sitesOption.names().isEmpty()) {
            throw new UsageException("--site selects sites of the state directory: not with --plan");
        }
        Path state = store.stateDirectory();
        SitePlans plans = SitePlanSource.load(plan, state, sitesOption.names(), true);
        CollectorConfig config = CollectorConfig.defaults(host, port).withMaxBodyBytes(maxBody).withRate(rate, burst)
                .withBehindProxy(behindProxy).withOperator(operator);
        CollectorServer server;
        try {
            // binds the address first: a taken port ends here, before any file is created
            server = CollectorServer.start(config, () -> openStore(state), plans, PublicRoots.jdk(), state);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            LOG.info("stopped: every report it answered is in the journal or the store");
            stopped.countDown();
        }, "pinkeeper-collector-shutdown"));
        // a line of its log (under systemd journald files it; --quiet leaves it out); --json prints it on stdout too
        LOG.info("listening on http://{}:{}/ for reports (store: {}); {}", host, server.port(), redacted(store.jdbcUrl()),
                operator.enabled()
                        ? "dashboard and metrics on http://" + operator.host() + ":" + server.operatorPort() + "/"
                                + (operator.token() == null ? "" : " (token required)")
                        : "no dashboard or metrics (--operator-listen none)");
        if (jsonOption.json()) {
            // {"listening":URL,"store":…,"operator":URL|null,"tokenRequired":bool}: once, when it listens
            Json.print(Json.object().put("listening", "http://" + host + ":" + server.port() + "/")
                    .put("store", redacted(store.jdbcUrl()))
                    .put("operator", operator.enabled() ? "http://" + operator.host() + ":" + server.operatorPort() + "/" : null)
                    .put("tokenRequired", operator.enabled() && operator.token() != null));
        }
        System.out.flush();
        stopped.await();
        return ExitCode.OK;
    }

    /** The operator address and token, checked before anything is created. */
    private OperatorAccess operatorAccess(String reportHost, int reportPort) {
        if (operatorListen.equalsIgnoreCase("none")) {
            if (operatorTokenFile != null) {
                throw new UsageException("--operator-token-file: nothing to guard with --operator-listen none");
            }
            return OperatorAccess.disabled();
        }
        HostPort address = HostPort.parse("--operator-listen", operatorListen);
        String host = address.host();
        int port = address.port();
        if (port != 0 && port == reportPort) {
            throw new UsageException("--operator-listen: the dashboard and metrics need a port of their own, not the "
                    + "report port " + reportPort + " of --listen");
        }
        OperatorAccess access = new OperatorAccess(host, port, null);
        if (operatorTokenFile != null) {
            try {
                access = access.withToken(OperatorToken.read(operatorTokenFile));
            } catch (IOException e) {
                throw new UsageException("--operator-token-file: " + e.getMessage());
            }
        } else if (!isLoopback(host)) {
            LOG.warn("--operator-listen {} shows every site's names, key ids and pins to whoever reaches it: firewall it, "
                    + "or give --operator-token-file", operatorListen);
        }
        return access;
    }

    /** Whether {@code host} is a loopback address (a name is looked up; one that does not resolve is not). */
    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Opens the store (the embedded one is created 0600), imports the reports of an earlier version's
     * H2 store into the embedded one, and migrates the schema if the database answers (otherwise reports
     * wait in the journal until it does).
     */
    private JdbcReportStore openStore(Path state) throws IOException {
        if (store.db == null && StoreRepair.finishCutShort(state)) {
            LOG.warn("finished a repair of {} that was cut short", Databases.embeddedFile(state));
        }
        JdbcReportStore reports = store.open();
        try {
            if (store.db == null) {
                H2Import.Result imported = H2Import.run(state, reports);
                if (imported != null) {
                    LOG.info("imported {} reports of an earlier version from {} into {}; the H2 file is kept as {} (delete it"
                            + " when no longer needed)", imported.reports(), Databases.legacyH2File(state),
                            Databases.embeddedFile(state), imported.keptAs());
                }
            }
        } catch (SQLException e) {
            reports.close();
            throw new UsageException(Databases.legacyH2File(state) + ": cannot import the reports of an earlier version: "
                    + DatabaseFeeder.firstLine(e) + " (move the file aside to start with an empty store)");
        } catch (IOException | RuntimeException e) {
            reports.close();
            throw e;
        }
        if (!reports.isReachable()) { // also migrates the schema; reports wait in the journal until it answers
            LOG.warn("{}: database unavailable, keeping reports in the journal until it answers", redacted(store.jdbcUrl()));
        }
        return reports;
    }

    /** The URL without a password parameter. */
    private static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
