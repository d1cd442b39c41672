package dev.pinkeeper.report.dashboard;

import java.util.Map;

import dev.pinkeeper.report.HeaderVersion;
import dev.pinkeeper.report.PlannedPin;
import dev.pinkeeper.report.SitePlan;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.TimelineEvent;
import dev.pinkeeper.report.store.ReportSummary;

/** A summary as terminal text, the form {@code pinkeeper reports} prints. Control characters from reports are replaced. */
public final class SummaryText {
    private SummaryText() {
    }

    /** The summary as lines of text. */
    public static String of(ReportSummary summary) {
        return of(summary, SitePlans.none());
    }

    /** The summary, then each plan's site: its pins with their roles, header versions and timeline. */
    public static String of(ReportSummary summary, SitePlans plans) {
        StringBuilder out = new StringBuilder();
        out.append("reports: ").append(summary.total()).append('\n');
        for (Map.Entry<String, Long> e : summary.byClass().entrySet()) {
            out.append("  ").append(String.format("%-18s %d", e.getKey(), e.getValue())).append('\n');
        }
        out.append("header versions clients hold:\n");
        for (ReportSummary.VersionCount v : summary.headerVersions()) {
            out.append("  ").append(clean(v.site())).append('\t')
                    .append(v.headerVersion() == null ? "(unknown pins)" : clean(v.headerVersion())).append('\t')
                    .append(v.count()).append('\n');
        }
        out.append("top failing chains:\n");
        for (ReportSummary.ChainCount c : summary.topChains()) {
            out.append("  ").append(c.count()).append('\t').append(clean(c.leafSubject())).append('\t')
                    .append("issuer ").append(clean(c.leafIssuer())).append('\n');
        }
        out.append("top issuers:\n");
        for (ReportSummary.IssuerCount i : summary.topIssuers()) {
            out.append("  ").append(i.count()).append('\t').append(clean(i.issuer())).append('\n');
        }
        out.append("latest reports:\n");
        for (ReportSummary.Recent r : summary.recent()) {
            out.append("  ").append(r.receivedAt()).append('\t').append(clean(r.hostname())).append('\t')
                    .append(r.reportClass()).append('\t').append(clean(r.reason())).append('\n');
        }
        for (SitePlan plan : plans.all()) {
            out.append("site ").append(plan.site()).append(plan.includeSubdomains() ? " (and subdomains)" : "").append(":\n");
            for (PlannedPin pin : plan.pins()) {
                out.append("  ").append(String.format("%-8s", pin.role())).append(' ').append(pin.pin().base64())
                        .append('\t').append(clean(pin.label())).append('\n');
            }
            for (HeaderVersion v : plan.headerVersions()) {
                out.append("  header ").append(v.label()).append(": ").append(v.pins().size()).append(" pins, served ")
                        .append(v.servedFrom()).append(" – ").append(v.servedUntil() == null ? "now" : v.servedUntil()).append('\n');
            }
            for (TimelineEvent e : plan.timeline()) {
                out.append("  ").append(e.at()).append('\t').append(clean(e.what())).append('\n');
            }
        }
        return out.toString();
    }

    /** Text safe for a terminal: no control characters (escape sequences), "-" for null. */
    static String clean(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
