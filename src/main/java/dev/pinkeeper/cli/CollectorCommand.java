package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.SitesOption;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.pinkeeper.cli.options.HostPortOption;
import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.net.HostPort;
import dev.pinkeeper.report.PublicRoots;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.http.CollectorConfig;
import dev.pinkeeper.report.http.CollectorServer;
import dev.pinkeeper.report.http.OperatorAccess;
import dev.pinkeeper.report.http.OperatorToken;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.ReportJournal;
import dev.pinkeeper.report.store.StoreStartup;
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
        HostPort reports = HostPortOption.parse("--listen", listen);
        if (maxBody < 1 || rate <= 0 || burst < 1) {
            throw new UsageException("--max-body, --rate and --burst must be positive");
        }
        OperatorAccess operator = operatorAccess(reports.port());
        if (maxBody > ReportJournal.MAX_BODY_BYTES) {
            throw new UsageException("--max-body: at most " + ReportJournal.MAX_BODY_BYTES + " bytes (the journal's largest entry)");
        }
        if (plan != null && !sitesOption.names().isEmpty()) {
            throw new UsageException("--site selects sites of the state directory: not with --plan");
        }
        Path state = store.stateDirectory();
        SitePlans plans = SitePlanSource.load(plan, state, sitesOption.names(), true);
        CollectorConfig config = CollectorConfig.defaults(reports.uriHost(), reports.port()).withMaxBodyBytes(maxBody)
                .withRate(rate, burst).withBehindProxy(behindProxy).withOperator(operator);
        CollectorServer server;
        try {
            // binds the address first: a taken port ends here, before any file is created
            server = CollectorServer.start(config,
                    () -> StoreStartup.open(state, store.db == null, store.jdbcUrl(), store::open), plans,
                    PublicRoots.jdk(), state);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            LOG.info("stopped: every report it answered is in the journal or the store");
            stopped.countDown();
        }, "pinkeeper-collector-shutdown"));
        Listening listening = Listening.of(reports.uriHost(), server, store.jdbcUrl(), operator);
        // a line of its log (under systemd journald files it; --quiet leaves it out); --json prints it on stdout too
        LOG.info("listening on {} for reports (store: {}); {}", listening.listening(), listening.store(),
                listening.operator() != null
                        ? "dashboard and metrics on " + listening.operator() + (listening.tokenRequired() ? " (token required)" : "")
                        : "no dashboard or metrics (--operator-listen none)");
        if (jsonOption.json()) {
            Json.print(listening);
        }
        System.out.flush();
        stopped.await();
        return ExitCode.OK;
    }

    /**
     * The JSON document, printed once when it listens: {@code {"listening":URL,"store":…,"operator":URL|null,
     * "tokenRequired":bool}}.
     */
    record Listening(String listening, String store, String operator, boolean tokenRequired) {
        static Listening of(String host, CollectorServer server, String jdbcUrl, OperatorAccess operator) {
            return new Listening("http://" + host + ":" + server.port() + "/", Databases.redacted(jdbcUrl),
                    operator.enabled() ? "http://" + operator.host() + ":" + server.operatorPort() + "/" : null,
                    operator.enabled() && operator.token() != null);
        }
    }

    /** The operator address and token, checked before anything is created. */
    private OperatorAccess operatorAccess(int reportPort) {
        if (operatorListen.equalsIgnoreCase("none")) {
            if (operatorTokenFile != null) {
                throw new UsageException("--operator-token-file: nothing to guard with --operator-listen none");
            }
            return OperatorAccess.disabled();
        }
        HostPort address = HostPortOption.parse("--operator-listen", operatorListen);
        if (address.port() != 0 && address.port() == reportPort) {
            throw new UsageException("--operator-listen: the dashboard and metrics need a port of their own, not the "
                    + "report port " + reportPort + " of --listen");
        }
        OperatorAccess access = new OperatorAccess(address.uriHost(), address.port(), null);
        if (operatorTokenFile != null) {
            try {
                access = access.withToken(OperatorToken.read(operatorTokenFile));
            } catch (IOException e) {
                throw new UsageException("--operator-token-file: " + e.getMessage());
            }
        } else if (access.exposed()) {
            LOG.warn("--operator-listen {} shows every site's names, key ids and pins to whoever reaches it: firewall it, "
                    + "or give --operator-token-file", operatorListen);
        }
        return access;
    }
}
