package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pinkeeper.cli.options.Times;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.SiteSelection;
import dev.pinkeeper.report.StateSitePlans;
import dev.pinkeeper.report.dashboard.SummaryJson;
import dev.pinkeeper.report.dashboard.SummaryText;
import dev.pinkeeper.report.store.Databases;
import dev.pinkeeper.report.store.H2Import;
import dev.pinkeeper.report.store.JdbcReportStore;
import dev.pinkeeper.report.store.ReportSummary;
import dev.pinkeeper.report.store.SelectionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper reports}: the dashboard's summary in the terminal. */
@Command(name = "reports", mixinStandardHelpOptions = true, subcommands = ReportsRepairCommand.class,
        description = "Summarise the stored violation reports: by class, header versions held, top chains and issuers.")
final class ReportsCommand implements Callable<Integer> {
    @Option(names = "--site", paramLabel = "S", description = "Only this site: a site of the state directory "
            + "(its plan, and the reports filed under any of its domains, also before it had a plan), or a host name "
            + "a plan covers or reports were filed under.")
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

    @Mixin
    JsonOption jsonOption;

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
        SiteSelection selection = plan == null && site != null ? stateSite(site) : null;
        SitePlans plans;
        if (selection != null) {
            plans = selection.sitePlans();
        } else {
            plans = SitePlanSource.load(plan, store.stateDirectory(), List.of(), false);
            if (site != null) {
                selection = SiteSelection.of(site, plans);
                plans = selection.sitePlans();
            }
        }
        ReportSummary summary;
        try (JdbcReportStore reports = store.open()) {
            summary = SelectionSummary.of(reports, selection, from, limit).orElseThrow(() -> new UsageException(
                    "--site " + site + ": no site of that name in " + store.stateDirectory()
                            + ", and no plan or report for a host of that name"));
        } catch (SQLException e) {
            throw new UsageException(Databases.redacted(store.jdbcUrl()) + ": cannot read reports: " + e.getMessage());
        }
        System.out.print(jsonOption.json() ? SummaryJson.of(summary, plans) + "\n" : SummaryText.of(summary, plans));
        return ExitCode.OK;
    }

    /** What {@code name} stands for when it is a site of the state directory (planned or not yet), else null. */
    private SiteSelection stateSite(String name) {
        try {
            return StateSitePlans.select(new StateDirectory(store.stateDirectory()), name).orElse(null);
        } catch (InventoryException | PlanException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** An ISO-8601 instant, or an age (30m, 24h, 7d) before {@code now}. */
    static Instant parseSince(String text, Instant now) {
        return Times.ageOrTime("--since", text, now);
    }
}
