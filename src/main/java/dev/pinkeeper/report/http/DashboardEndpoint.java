package dev.pinkeeper.report.http;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import dev.pinkeeper.plan.GivenTimes;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.SiteSelection;
import dev.pinkeeper.report.dashboard.DashboardPage;
import dev.pinkeeper.report.store.ReportQuery;
import dev.pinkeeper.report.store.ReportStore;
import dev.pinkeeper.report.store.ReportSummary;

/**
 * Serves the dashboard page: {@code GET /?site=S&since=T}, where S is a site's name (all its host
 * names) or a host name ({@link SiteSelection}) and T a time or an age as {@link GivenTimes} reads it.
 */
final class DashboardEndpoint {
    /** Inline styles and data: images only (no script at all); no other site may frame it (clickjacking). */
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final ReportStore store;
    private final SitePlans plans;
    private final java.util.function.LongSupplier pending;

    /** {@code pending}: reports acknowledged but not yet classified and stored. */
    DashboardEndpoint(ReportStore store, SitePlans plans, java.util.function.LongSupplier pending) {
        this.store = store;
        this.plans = plans;
        this.pending = pending;
    }

    void serve(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String site = blankToNull(query.getValue("site"));
        Instant since;
        try {
            String text = blankToNull(query.getValue("since"));
            since = text == null ? null : GivenTimes.ageOrInstant(text, Instant.now());
        } catch (IllegalArgumentException e) {
            ReportHandler.send(response, callback, 400, "text/plain; charset=utf-8", "since: not an ISO-8601 time or an age (24h, 7d)\n");
            return;
        }
        // a site's name stands for each of its host names, the names its reports are filed under
        SiteSelection selection = site == null ? null : SiteSelection.of(site, plans);
        ReportSummary summary;
        try {
            summary = store.summarize(new ReportQuery(selection == null ? List.of() : selection.hosts(), since, 20));
        } catch (SQLException e) {
            ReportHandler.send(response, callback, 503, "text/plain; charset=utf-8",
                    "the report database is unavailable\n");
            return;
        }
        response.getHeaders().put("Content-Security-Policy", POLICY);
        response.getHeaders().put("X-Frame-Options", "DENY"); // frame-ancestors for browsers without CSP 2
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put("Cache-Control", "no-store");
        ReportHandler.send(response, callback, 200, "text/html; charset=utf-8",
                DashboardPage.render(summary, selection == null ? plans : selection.sitePlans(), site, since, Instant.now(),
                        pending.getAsLong()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
