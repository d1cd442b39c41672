package dev.pinkeeper.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.report.SitePlan;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.dashboard.SummaryJson;
import dev.pinkeeper.report.dashboard.SummaryText;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.H2Import;
import dev.pinkeeper.report.store.JdbcReportStore;
import dev.pinkeeper.report.store.ReportQuery;
import dev.pinkeeper.report.store.ReportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper reports}: the dashboard's summary in the terminal. */
@Command(name = "reports", mixinStandardHelpOptions = true, subcommands = ReportsRepairCommand.class,
        description = "Summarise the stored violation reports: by class, header versions held, top chains and issuers.")
final class ReportsCommand implements Callable<Integer> {
    @Option(names = "--site", paramLabel = "S", description = "Only this site: a site of the state directory "
            + "(its plan, and the reports filed under any of its domains), or a host name the reports were filed under.")
    String site;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "Site plans as JSON (default: the plans kept in the state directory).")
    Path plan;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only reports received since WHEN: an ISO-8601 instant or an age such as 24h, 7d, 30m.")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "Entries in the top lists and latest reports (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Mixin
    ReportStoreOptions store;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        Instant from = since == null ? null : parseSince(since, Instant.now());
        if (store.db == null && !java.nio.file.Files.exists(Databases.embeddedFile(store.stateDirectory()))) {
            if (H2Import.pending(store.stateDirectory())) {
                throw new UsageException(Databases.legacyH2File(store.stateDirectory()) + ": the reports of an earlier "
                        + "version are not imported yet: start pinkeeper collector once with this --state to import them");
            }
            throw new UsageException(store.stateDirectory() + ": no report database here (run pinkeeper collector, "
                    + "or give --state DIR or --db URL)");
        }
        List<String> reportSites = site == null ? List.of() : List.of(site);
        List<String> planSites = List.of();
        if (plan == null && site != null && isStateSite(site)) {
            planSites = List.of(site);
        }
        SitePlans plans = SitePlanSource.load(plan, store.stateDirectory(), planSites, false);
        if (!planSites.isEmpty() && !plans.all().isEmpty()) {
            reportSites = plans.all().stream().map(SitePlan::site).toList(); // its domains: the names its reports are filed under
        } else if (site != null) {
            SitePlans all = plans;
            plans = () -> all.all().stream().filter(p -> p.covers(site)).toList();
        }
        ReportQuery query = new ReportQuery(reportSites, from, limit);
        ReportSummary summary;
        try (JdbcReportStore reports = store.open()) {
            summary = reports.summarize(query);
        } catch (SQLException e) {
            throw new UsageException(store.jdbcUrl().replaceAll("(?i)(password=)[^&;]*", "$1***")
                    + ": cannot read reports: " + e.getMessage());
        }
        System.out.print(json ? SummaryJson.of(summary, plans) + "\n" : SummaryText.of(summary, plans));
        return ExitCode.OK;
    }

    /** Whether {@code name} is a site (with keys) in the state directory. */
    private boolean isStateSite(String name) {
        try {
            StateDirectory.checkSiteName(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return new KeyInventory(new StateDirectory(store.stateDirectory())).exists(name);
    }

    /** An ISO-8601 instant, or an age (30m, 24h, 7d) before {@code now}. */
    static Instant parseSince(String text, Instant now) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+[smhd]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration age = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(age);
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UsageException("--since: expected an ISO-8601 instant or an age like 24h, not " + text);
        }
    }
}
