package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.time.Duration;
import dev.pinkeeper.cli.options.Times;
import java.util.List;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanEdit;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanSettings;
import dev.pinkeeper.plan.site.SettingsChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper plan set}: changes a plan's settings through the plan's checks, recorded as a new plan version. */
@Command(name = "set", mixinStandardHelpOptions = true,
        header = "Change a plan's report-uri, includeSubDomains, ramp, max-age cap or key lifetime, safely.",
        description = {"Change a plan's settings from --at (default now); what is not named stays. Each change is"
                + " checked first: the headers it makes must lock nobody out, and turning includeSubDomains on (it pins"
                + " every subdomain) is refused until confirmed with --force-unsafe-rollover. The change is a new plan"
                + " version (pinkeeper plan history --changes lists them); the next deployment serves its headers.",
                "Exit 0: changed (or nothing to change); 1: refused (nothing changed); 2: bad usage."})
final class PlanSetCommand extends PlanSubcommand {
    @Mixin
    DryRunOption dryRunOption;

    @Option(names = "--report-uri", paramLabel = "URI", converter = HeaderOptionConverters.ReportUriConverter.class,
            description = "Where browsers report pin failures from now on (an absolute URL).")
    String reportUri;

    @Option(names = "--no-report-uri", description = "Send no report-uri any more.")
    boolean noReportUri;

    @Option(names = "--include-subdomains", description = "Pin every subdomain too (includeSubDomains) from now on.")
    boolean includeSubDomains;

    @Option(names = "--no-include-subdomains", description = "Stop pinning the subdomains (no includeSubDomains).")
    boolean noIncludeSubDomains;

    @Option(names = "--report-only-days", paramLabel = "N",
            description = "Days the report-only header is served before enforcement.")
    Integer reportOnlyDays;

    @Option(names = "--ramp", paramLabel = "LIST",
            description = "The increasing max-age steps, comma-separated, in seconds or with s/m/h/d/w.")
    String ramp;

    @Option(names = "--max-age-cap", paramLabel = "DURATION",
            description = "The longest max-age ever served (seconds, or with s/m/h/d/w): longer steps are dropped and"
                    + " the cap becomes the final step; a longer max-age served now is lowered by the next deployment.")
    String maxAgeCap;

    @Option(names = "--key-lifetime", paramLabel = "DURATION",
            description = "How long a key is served before 'pinkeeper renew' rolls it over (0 or none: never by itself).")
    String keyLifetime;

    @Mixin
    ForceOption override;

    @Override
    int run(String site, PrintWriter out) throws InventoryException, PlanException, RefusedStepException {
        PlanEdit edit = edit();
        SettingsChange change = options.service().changeSettings(site, edit, options.changeAt(site), override.force);
        if (options.json()) {
            Json.print(new Document(site, change.changed(), change.stored().version(), change.changes(), change.notes()));
            return ExitCode.OK;
        }
        if (!change.changed()) {
            out.println("nothing to change: the plan of site " + site + " has these settings already");
            return ExitCode.OK;
        }
        out.println("plan of site " + site + " changed (plan version " + change.stored().version() + "):");
        change.changes().forEach(line -> out.println("  " + line));
        change.notes().forEach(line -> out.println("note: " + line));
        out.println("Next: pinkeeper plan show --site " + site + "   (then deploy, or let pinkeeper renew deploy)");
        return ExitCode.OK;
    }

    /** The JSON document: whether a version was written, which, and what changed. */
    record Document(String site, boolean changed, int planVersion, List<String> changes, List<String> notes) {
    }

    /** The edit the options name (usage errors for bad or missing ones). */
    private PlanEdit edit() {
        PlanEdit edit = directives(PlanEdit.none());
        if (reportOnlyDays != null) {
            edit = edit.reportOnly(PlanInitCommand.reportOnly(reportOnlyDays));
        }
        if (ramp != null) {
            edit = edit.maxAges(PlanInitCommand.maxAges(ramp));
        }
        if (maxAgeCap != null) {
            edit = edit.maxAgeCap(maxAgeCap(maxAgeCap));
        }
        if (keyLifetime != null) {
            edit = edit.keyLifetime(PlanInitCommand.keyLifetime(keyLifetime));
        }
        if (edit.isEmpty()) {
            throw new UsageException("plan set: name a setting to change (--report-uri, --no-report-uri,"
                    + " --include-subdomains, --no-include-subdomains, --report-only-days, --ramp, --max-age-cap,"
                    + " --key-lifetime)");
        }
        try {
            edit.applyTo(PlanSettings.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new UsageException((ramp != null ? "--ramp: " : maxAgeCap != null ? "--max-age-cap: " : "--key-lifetime: ")
                    + e.getMessage());
        }
        return edit;
    }

    /** {@code edit} with the report-uri and includeSubDomains the options name (each given one way at most). */
    private PlanEdit directives(PlanEdit edit) {
        if (reportUri != null && noReportUri) {
            throw new UsageException("--no-report-uri: give either --report-uri or --no-report-uri");
        }
        if (reportUri != null || noReportUri) {
            edit = edit.reportUri(reportUri);
        }
        if (includeSubDomains && noIncludeSubDomains) {
            throw new UsageException("--no-include-subdomains: give either --include-subdomains or --no-include-subdomains");
        }
        if (includeSubDomains || noIncludeSubDomains) {
            edit = edit.includeSubDomains(includeSubDomains);
        }
        return edit;
    }

    /** {@code --max-age-cap}: a positive duration. */
    private static Duration maxAgeCap(String text) {
        Duration cap = Times.duration("--max-age-cap", text);
        if (cap.isZero()) {
            throw new UsageException("--max-age-cap: a positive duration (to stop pinning: pinkeeper plan retire)");
        }
        return cap;
    }
}
