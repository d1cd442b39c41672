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
import dev.pinkeeper.report.ReportScope;
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
        ReportScope scope = site == null ? ReportScope.all(plans()) : scope(site);
        ReportSummary summary;
        try (JdbcReportStore reports = store.open()) {
            summary = SelectionSummary.of(reports, scope.selection(), from, limit).orElseThrow(() -> new UsageException(
                    "--site " + site + ": no site of that name in " + store.stateDirectory()
                            + ", and no plan or report for a host of that name"));
        } catch (SQLException e) {
            throw new UsageException(Databases.redacted(store.jdbcUrl()) + ": cannot read reports: " + e.getMessage());
        }
        SitePlans plans = scope.plans();
        System.out.print(jsonOption.json() ? SummaryJson.of(summary, plans) + "\n" : SummaryText.of(summary, plans));
        return ExitCode.OK;
    }

    /** The plans of {@code --plan}, else of every site of the state directory. */
    private SitePlans plans() {
        return SitePlanSource.load(plan, store.stateDirectory(), List.of(), false);
    }

    /** What {@code name} stands for: a site of the state directory (without {@code --plan}), else a host among the plans. */
    private ReportScope scope(String name) {
        try {
            return ReportScope.select(name, plan == null ? new StateDirectory(store.stateDirectory()) : null, this::plans);
        } catch (InventoryException | PlanException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** An ISO-8601 instant, or an age (30m, 24h, 7d) before {@code now}. */
    static Instant parseSince(String text, Instant now) {
        return Times.ageOrTime("--since", text, now);
    }
}
