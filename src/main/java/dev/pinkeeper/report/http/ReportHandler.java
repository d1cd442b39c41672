package dev.pinkeeper.report.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pinkeeper.report.MalformedReportException;

/**
 * Routes requests: {@code POST} to any path takes a report, {@code GET /metrics} the metrics,
 * {@code GET /healthz} a liveness answer, other {@code GET}s the dashboard. Every refusal has a
 * one-line plain-text reason.
 */
final class ReportHandler extends Handler.Abstract {
    /** Media types report senders used: Chromium sent {@code application/json; charset=utf-8}. */
    static final Set<String> REPORT_TYPES = Set.of("application/json", "application/csp-report",
            "application/reports+json", "application/expect-ct-report+json");

    private static final boolean NOOP = Boolean.getBoolean("noop");
    private static final Logger LOG = LoggerFactory.getLogger(ReportHandler.class);
    /** Most bytes of an oversized body read and thrown away so that the 413 reaches the client. */
    private static final long DRAIN_LIMIT = 1 << 20;

    private final CollectorConfig config;
    private final ReportIntake intake;
    private final ClientRateLimiter limiter;
    private final CollectorMetrics metrics;
    private final DashboardEndpoint dashboard;
    private final Scheduler scheduler;

    ReportHandler(CollectorConfig config, ReportIntake intake, CollectorMetrics metrics, DashboardEndpoint dashboard,
            Scheduler scheduler) {
        this.config = config;
        this.intake = intake;
        this.limiter = new ClientRateLimiter(config.ratePerSecond(), config.burst());
        this.metrics = metrics;
        this.dashboard = dashboard;
        this.scheduler = scheduler;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        if (HttpMethod.POST.is(method) && NOOP) {
            response.setStatus(204);
            callback.succeeded();
            return true;
        }
        if (HttpMethod.POST.is(method)) {
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
        if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
            if (path.equals("/metrics")) {
                send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            } else if (path.equals("/healthz")) {
                send(response, callback, 200, "text/plain; charset=utf-8", "ok\n");
            } else if (path.equals("/")) {
                dashboard.serve(request, response, callback);
            } else {
                send(response, callback, 404, "text/plain; charset=utf-8", "not found\n");
            }
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST");
        send(response, callback, 405, "text/plain; charset=utf-8", "use POST to send a report\n");
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
        AtomicBoolean late = new AtomicBoolean();
        if (request.getLength() > config.maxBodyBytes()) {
            tooLarge(request, response, callback, late);
            return;
        }
        byte[] body;
        try {
            body = readBody(request, late);
        } catch (BodyTooLargeException e) {
            tooLarge(request, response, callback, late);
            return;
        } catch (IOException e) {
            closeAfter(response);
            if (late.get()) {
                refuse(response, callback, Rejection.SLOW_CLIENT, "report not received in time");
            } else {
                refuse(response, callback, Rejection.MALFORMED, "report body unreadable");
            }
            return;
        }
        CompletableFuture<?> stored;
        try {
            stored = intake.submit(body);
        } catch (MalformedReportException e) {
            refuse(response, callback, Rejection.MALFORMED, e.getMessage());
            return;
        }
        // no thread waits for the group commit: the writer thread answers once the report is
        // fsynced to the journal (204), or could not be (503)
        stored.whenComplete((nothing, error) -> {
            if (error == null) {
                response.setStatus(204);
                callback.succeeded();
            } else {
                refuse(response, callback, Rejection.UNAVAILABLE, "report not stored, send it again later");
            }
        });
    }

    /** Reads the body, at most {@link CollectorConfig#maxBodyBytes()}, within {@link CollectorConfig#bodyTimeout()}. */
    private byte[] readBody(Request request, AtomicBoolean late) throws IOException {
        Scheduler.Task deadline = scheduler.schedule(() -> {
            late.set(true);
            request.fail(new TimeoutException("body not received in time"));
        }, config.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try (InputStream in = Content.Source.asInputStream(request)) {
            long declared = request.getLength();
            if (declared >= 0) { // the usual case: read straight into an array of the declared size
                byte[] body = in.readNBytes((int) declared);
                if (body.length < declared) {
                    throw new IOException("body shorter than its Content-Length");
                }
                return body;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(8192, config.maxBodyBytes()));
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (body.size() + n > config.maxBodyBytes()) {
                    throw new BodyTooLargeException();
                }
                body.write(buffer, 0, n);
            }
            return body.toByteArray();
        } finally {
            deadline.cancel();
        }
    }

    /**
     * Answers 413. The rest of the body is first read and discarded (never kept), up to
     * {@link #DRAIN_LIMIT} bytes within the body deadline: closing a connection with unread data makes
     * the kernel reset it, and the client may lose the answer. Beyond that, the connection is closed.
     */
    private void tooLarge(Request request, Response response, Callback callback, AtomicBoolean late) {
        Scheduler.Task deadline = scheduler.schedule(() -> {
            late.set(true);
            request.fail(new TimeoutException("body not received in time"));
        }, config.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        boolean drained = false;
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] scratch = new byte[8192];
            long discarded = 0;
            int n;
            while (discarded <= DRAIN_LIMIT && (n = in.read(scratch)) >= 0) {
                discarded += n;
            }
            drained = discarded <= DRAIN_LIMIT;
        } catch (IOException e) {
            drained = false;
        } finally {
            deadline.cancel();
        }
        if (!drained) {
            closeAfter(response);
        }
        refuse(response, callback, Rejection.TOO_LARGE, "report larger than " + config.maxBodyBytes() + " bytes");
    }

    private static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("body too large");
        }
    }

    private void refuse(Response response, Callback callback, Rejection rejection, String reason) {
        metrics.rejected(rejection);
        send(response, callback, rejection.status(), "text/plain; charset=utf-8", reason + "\n");
    }

    private static void closeAfter(Response response) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
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
