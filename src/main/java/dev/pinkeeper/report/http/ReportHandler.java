package dev.pinkeeper.report.http;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pinkeeper.report.MalformedReportException;
import dev.pinkeeper.report.store.StoreStatus;

/**
 * Routes requests. On the report address, {@code POST} to any path takes a report and every other
 * method is refused (405): nothing else is served there. On the operator address
 * ({@link OperatorAccess}), once the request presents the operator token if one is set,
 * {@code GET /metrics} gives the metrics, {@code GET /healthz} a liveness answer, {@code GET /health}
 * whether reports reach the store (200, or 503 with the reason in one line while it is down or
 * stalled) and {@code GET /} the dashboard. Every refusal has a one-line plain-text reason; every
 * refusal on the report address is counted in {@code pinkeeper_reports_rejected_total}.
 *
 * <p>A report is taken without blocking: Jetty runs this handler on the thread that parsed the request,
 * the body is read as it arrives ({@link BodyReader}), and the journal writer answers once the report
 * is durable. Only the dashboard, which queries the database, runs on the thread pool.
 */
final class ReportHandler extends Handler.Abstract.NonBlocking {
    /** Media types report senders used: Chromium sent {@code application/json; charset=utf-8}. */
    static final Set<String> REPORT_TYPES = Set.of("application/json", "application/csp-report",
            "application/reports+json", "application/expect-ct-report+json");

    private static final Logger LOG = LoggerFactory.getLogger(ReportHandler.class);

    private final CollectorConfig config;
    private final ReportIntake intake;
    private final ClientRateLimiter limiter;
    private final CollectorMetrics metrics;
    private final DashboardEndpoint dashboard;
    private final Connector operatorConnector;
    private final Supplier<StoreStatus> storeStatus;
    private final Scheduler scheduler;
    private final Executor blockingWork;

    /**
     * {@code operatorConnector} is the operator address (null: disabled); {@code blockingWork} runs what
     * may block (the dashboard's database queries).
     */
    ReportHandler(CollectorConfig config, ReportIntake intake, CollectorMetrics metrics, DashboardEndpoint dashboard,
            Connector operatorConnector, Supplier<StoreStatus> storeStatus, Scheduler scheduler, Executor blockingWork) {
        this.storeStatus = storeStatus;
        this.config = config;
        this.intake = intake;
        this.limiter = new ClientRateLimiter(config.ratePerSecond(), config.burst());
        this.metrics = metrics;
        this.dashboard = dashboard;
        this.operatorConnector = operatorConnector;
        this.scheduler = scheduler;
        this.blockingWork = blockingWork;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        boolean operator = operatorConnector != null && request.getConnectionMetaData().getConnector() == operatorConnector;
        if (HttpMethod.POST.is(method) && !operator) {
            long start = System.nanoTime();
            metrics.received();
            Callback timed = Callback.from(callback, () -> metrics.answered(System.nanoTime() - start));
            try {
                takeReport(request, response, timed);
            } catch (RuntimeException e) {
                LOG.error("report request failed", e);
                refuse(response, timed, Rejection.UNAVAILABLE, "internal error");
            }
            return true;
        }
        if (!operator) {
            metrics.received();
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            refuse(response, callback, Rejection.METHOD_NOT_ALLOWED, "use POST to send a report");
            return true;
        }
        if (!config.operator().admits(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().add(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"pinkeeper collector\", charset=\"UTF-8\"");
            response.getHeaders().add(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"pinkeeper collector\"");
            send(response, callback, 401, "text/plain; charset=utf-8", "present the operator token\n");
            return true;
        }
        if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
            if (path.equals("/metrics")) {
                send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            } else if (path.equals("/healthz")) {
                send(response, callback, 200, "text/plain; charset=utf-8", "ok\n");
            } else if (path.equals("/health")) {
                StoreStatus status = storeStatus.get();
                send(response, callback, status.healthy() ? 200 : 503, "text/plain; charset=utf-8", status.describe() + "\n");
            } else if (path.equals("/")) {
                blockingWork.execute(() -> dashboard.serve(request, response, callback));
            } else {
                send(response, callback, 404, "text/plain; charset=utf-8", "not found\n");
            }
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        send(response, callback, 405, "text/plain; charset=utf-8", "the operator address only answers GET and HEAD\n");
        return true;
    }

    private void takeReport(Request request, Response response, Callback callback) {
        if (!limiter.tryAcquire(Request.getRemoteAddr(request))) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            refuse(response, callback, Rejection.RATE_LIMITED, "too many reports from your address");
            return;
        }
        String type = mediaType(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        if (!REPORT_TYPES.contains(type)) {
            refuse(response, callback, Rejection.UNSUPPORTED_MEDIA_TYPE,
                    "send the report as application/json" + (type.isEmpty() ? "" : ", not " + printable(type)));
            return;
        }
        BodyReader.read(request, config.maxBodyBytes(), config.bodyTimeout(), scheduler, new BodyReader.Outcome() {
            @Override
            public void read(byte[] body) {
                journal(body, response, callback);
            }

            @Override
            public void tooLarge(boolean drained) {
                if (!drained) {
                    closeAfter(response);
                }
                refuse(response, callback, Rejection.TOO_LARGE, "report larger than " + config.maxBodyBytes() + " bytes");
            }

            @Override
            public void failed(boolean late) {
                closeAfter(response);
                if (late) {
                    refuse(response, callback, Rejection.SLOW_CLIENT, "report not received in time");
                } else {
                    refuse(response, callback, Rejection.MALFORMED, "report body unreadable");
                }
            }
        });
    }

    private void journal(byte[] body, Response response, Callback callback) {
        CompletableFuture<?> stored;
        try {
            stored = intake.submit(body);
        } catch (MalformedReportException e) {
            refuse(response, callback, Rejection.MALFORMED, e.getMessage());
            return;
        } catch (RuntimeException e) { // also reached from a later read of the body, outside handle()'s own guard
            LOG.error("report request failed", e);
            refuse(response, callback, Rejection.UNAVAILABLE, "internal error");
            return;
        }
        // no thread waits for the group commit: the writer thread answers once the report is
        // fsynced to the journal (204), or could not be (503)
        stored.whenComplete((nothing, error) -> {
            if (error == null) {
                LOG.debug("report of {} bytes journaled", body.length); // never its content: any visitor writes it
                response.setStatus(204);
                callback.succeeded();
            } else {
                refuse(response, callback, Rejection.UNAVAILABLE, "report not stored, send it again later");
            }
        });
    }

    private void refuse(Response response, Callback callback, Rejection rejection, String reason) {
        metrics.rejected(rejection);
        LOG.debug("report refused: {}", rejection.label()); // the kind only: a reason may quote what a visitor sent
        send(response, callback, rejection.status(), "text/plain; charset=utf-8", reason + "\n");
    }

    private static void closeAfter(Response response) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        CollectorErrorHandler.secure(response);
        Content.Sink.write(response, true, body, callback);
    }

    /** The media type of a Content-Type value, lower case, without parameters; "" if absent. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

}
