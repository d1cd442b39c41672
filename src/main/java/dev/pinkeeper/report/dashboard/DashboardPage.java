package dev.pinkeeper.report.dashboard;

import static dev.pinkeeper.report.dashboard.Html.escape;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.pinkeeper.report.HeaderVersion;
import dev.pinkeeper.report.PlannedPin;
import dev.pinkeeper.report.ReportClass;
import dev.pinkeeper.report.SitePlan;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.TimelineEvent;
import dev.pinkeeper.report.store.ReportSummary;

/**
 * The dashboard: reports over time per site and class, the top failing chains and issuers, the
 * header versions clients still hold, each site's pins with their roles and its rollover
 * timeline, and the latest reports. One self-contained HTML document without scripts; every
 * value from a report goes through {@link Html#escape}.
 */
public final class DashboardPage {
    private static final int CHARTED_SITES = 6;

    private DashboardPage() {
    }

    /**
     * Renders the page for {@code summary} with {@code plans}, the plans of the sites it covers;
     * {@code site} and {@code since} are the filters shown.
     */
    public static String render(ReportSummary summary, SitePlans plans, String site, Instant since, Instant now) {
        return render(summary, plans, site, since, now, 0);
    }

    /**
     * As {@link #render(ReportSummary, SitePlans, String, Instant, Instant)}, also saying how many
     * reports the collector acknowledged but has not classified and stored yet ({@code pending}).
     */
    public static String render(ReportSummary summary, SitePlans plans, String site, Instant since, Instant now,
            long pending) {
        StringBuilder html = new StringBuilder(16 * 1024);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>pinkeeper reports</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}")
                .append("td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top;font-size:.9em}")
                .append("th{background:#f3f3f3}code{word-break:break-all}.n{text-align:right}")
                .append(".chip{display:inline-block;width:.8em;height:.8em;margin-right:.3em}")
                .append("</style></head><body>");
        html.append("<h1>pinkeeper — pin violation reports</h1>");
        html.append("<form method=\"get\" action=\"/\">site <input name=\"site\" value=\"").append(escape(site))
                .append("\"> since <input name=\"since\" placeholder=\"2026-01-01T00:00:00Z\" value=\"")
                .append(since == null ? "" : escape(since.toString()))
                .append("\"> <button type=\"submit\">filter</button></form>");
        html.append("<p id=\"total\">").append(summary.total()).append(" reports")
                .append(site == null ? "" : " for " + escape(site))
                .append(since == null ? "" : " since " + escape(since.toString()))
                .append(" · rendered ").append(escape(now.toString())).append("</p>");
        if (pending > 0) {
            html.append("<p id=\"pending\">").append(pending)
                    .append(" more acknowledged reports are pending: not yet classified and stored (not counted above)</p>");
        }
        classes(html, summary);
        charts(html, summary);
        topChains(html, summary);
        topIssuers(html, summary);
        versions(html, summary, plans);
        sites(html, plans);
        recent(html, summary);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void classes(StringBuilder html, ReportSummary summary) {
        html.append("<h2>By class</h2><table id=\"classes\"><tr><th>class</th><th>reports</th></tr>");
        for (ReportClass rc : ReportClass.values()) {
            html.append("<tr><td><span class=\"chip\" style=\"background:").append(TimelineChart.COLORS.get(rc))
                    .append("\"></span>").append(rc.label()).append("</td><td class=\"n\">")
                    .append(summary.byClass().getOrDefault(rc.label(), 0L)).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void charts(StringBuilder html, ReportSummary summary) {
        html.append("<h2>Reports over time</h2>");
        Map<String, List<ReportSummary.Bucket>> bySite = new LinkedHashMap<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (ReportSummary.Bucket b : summary.timeline()) {
            bySite.computeIfAbsent(b.site(), s -> new ArrayList<>()).add(b);
            totals.merge(b.site(), b.count(), Long::sum);
        }
        if (bySite.isEmpty()) {
            html.append("<p>No reports yet.</p>");
            return;
        }
        totals.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(CHARTED_SITES)
                .forEach(e -> html.append("<h3>").append(escape(e.getKey())).append(" (").append(e.getValue())
                        .append(")</h3>").append(TimelineChart.svg("reports for " + e.getKey(), bySite.get(e.getKey()))));
        if (totals.size() > CHARTED_SITES) {
            html.append("<p>").append(totals.size() - CHARTED_SITES).append(" more sites: filter by site to see them.</p>");
        }
    }

    private static void topChains(StringBuilder html, ReportSummary summary) {
        html.append("<h2>Top failing chains</h2><table id=\"chains\"><tr><th>reports</th><th>leaf</th><th>issuer</th>")
                .append("<th>chain pins (leaf first)</th></tr>");
        for (ReportSummary.ChainCount c : summary.topChains()) {
            html.append("<tr><td class=\"n\">").append(c.count()).append("</td><td>").append(escape(c.leafSubject()))
                    .append("</td><td>").append(escape(c.leafIssuer())).append("</td><td><code>")
                    .append(escape(c.chainPins()).replace(",", "<br>")).append("</code></td></tr>");
        }
        html.append("</table>");
    }

    private static void topIssuers(StringBuilder html, ReportSummary summary) {
        html.append("<h2>Top issuers</h2><table id=\"issuers\"><tr><th>reports</th><th>leaf issuer</th></tr>");
        for (ReportSummary.IssuerCount i : summary.topIssuers()) {
            html.append("<tr><td class=\"n\">").append(i.count()).append("</td><td>").append(escape(i.issuer()))
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void versions(StringBuilder html, ReportSummary summary, SitePlans plans) {
        html.append("<h2>Header versions clients hold</h2><table id=\"versions\"><tr><th>site</th><th>version</th>")
                .append("<th>served</th><th>reports</th></tr>");
        for (ReportSummary.VersionCount v : summary.headerVersions()) {
            String served = "";
            Optional<SitePlan> plan = plans.forHost(v.site());
            if (plan.isPresent() && v.headerVersion() != null) {
                for (HeaderVersion hv : plan.get().headerVersions()) {
                    if (hv.label().equals(v.headerVersion())) {
                        served = hv.servedFrom() + " – " + (hv.servedUntil() == null ? "now" : hv.servedUntil());
                    }
                }
            }
            html.append("<tr><td>").append(escape(v.site())).append("</td><td>")
                    .append(v.headerVersion() == null ? "<i>unknown pins</i>" : escape(v.headerVersion()))
                    .append("</td><td>").append(escape(served)).append("</td><td class=\"n\">").append(v.count())
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void sites(StringBuilder html, SitePlans plans) {
        for (SitePlan plan : plans.all()) {
            html.append("<h2>Site ").append(escape(plan.site())).append("</h2>");
            html.append("<table class=\"pins\"><tr><th>role</th><th>key</th><th>pin</th></tr>");
            for (PlannedPin pin : plan.pins()) {
                html.append("<tr><td>").append(escape(pin.role())).append("</td><td>").append(escape(pin.label()))
                        .append("</td><td><code>").append(escape(pin.pin().base64())).append("</code></td></tr>");
            }
            html.append("</table><h3>Rollover timeline</h3><table class=\"timeline\"><tr><th>when</th><th>what</th></tr>");
            for (HeaderVersion v : plan.headerVersions()) {
                html.append("<tr><td>").append(escape(v.servedFrom().toString())).append("</td><td>header ")
                        .append(escape(v.label())).append(" served (").append(v.pins().size()).append(" pins)")
                        .append(v.servedUntil() == null ? "" : " until " + escape(v.servedUntil().toString()))
                        .append("</td></tr>");
            }
            for (TimelineEvent e : plan.timeline()) {
                html.append("<tr><td>").append(escape(e.at().toString())).append("</td><td>").append(escape(e.what()))
                        .append("</td></tr>");
            }
            html.append("</table>");
        }
    }

    private static void recent(StringBuilder html, ReportSummary summary) {
        html.append("<h2>Latest reports</h2><table id=\"recent\"><tr><th>received</th><th>host</th><th>class</th>")
                .append("<th>why</th><th>header held</th><th>leaf</th><th>app</th></tr>");
        for (ReportSummary.Recent r : summary.recent()) {
            html.append("<tr><td>").append(escape(r.receivedAt().toString())).append("</td><td>").append(escape(r.hostname()))
                    .append("</td><td>").append(escape(r.reportClass())).append("</td><td>").append(escape(r.reason()))
                    .append("</td><td>").append(escape(r.headerVersion())).append("</td><td>")
                    .append(escape(r.leafSubject())).append("</td><td>").append(escape(r.appBundleId()))
                    .append("</td></tr>");
        }
        html.append("</table>");
    }
}
