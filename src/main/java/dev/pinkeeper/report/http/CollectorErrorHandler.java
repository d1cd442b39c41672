package dev.pinkeeper.report.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers, for the requests it refuses before the collector sees them (a
 * malformed request line or header: 400; headers too large: 431; a URI too long: 414 …): the page
 * shows no stack or cause, may run nothing, be framed by nobody, nor be sniffed as another type.
 * Those refused on the report address are counted in {@code pinkeeper_reports_rejected_total}.
 */
final class CollectorErrorHandler extends ErrorHandler {
    /** The policy of every answer that is not the dashboard: nothing may load, nobody may frame it. */
    static final String NOTHING_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final CollectorMetrics metrics;
    private Connector reportConnector;

    CollectorErrorHandler(CollectorMetrics metrics) {
        this.metrics = metrics;
        setShowStacks(false);
        setShowCauses(false);
        setShowOrigin(false);
        setShowMessageInTitle(false);
    }

    /** Counts the refusals of requests that came through {@code connector} (the report address). */
    void countRefusalsOf(Connector connector) {
        this.reportConnector = connector;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        secure(response);
        // Jetty 12 answers a body without a length as an empty one, so 411 never occurs: the collector
        // then refuses the empty report itself (400, malformed)
        if (reportConnector != null && request.getConnectionMetaData().getConnector() == reportConnector) {
            Object status = request.getAttribute(ERROR_STATUS);
            metrics.rejected(Rejection.ofStatus(status instanceof Integer code ? code : response.getStatus()));
        }
        return super.handle(request, response, callback);
    }

    /**
     * Adds the headers every answer carries: nosniff, and unless it has its own (the dashboard's) a
     * policy under which nothing loads and nobody frames the page.
     */
    static void secure(Response response) {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if (!response.getHeaders().contains("Content-Security-Policy")) {
            response.getHeaders().put("Content-Security-Policy", NOTHING_POLICY);
        }
    }
}
