package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.time.Duration;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.InventoryJson;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanEdit;
import dev.pinkeeper.plan.site.PlanException;
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

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Mixin
    ForceOption override;

    @Override
    int run(String site, PrintWriter out) throws InventoryException, PlanException, RefusedStepException {
        PlanEdit edit = edit();
        SettingsChange change = options.service().changeSettings(site, edit, options.changeAt(site), override.force);
        if (json) {
            ObjectNode root = InventoryJson.mapper().createObjectNode();
            root.put("site", site);
            root.put("changed", change.changed());
            root.put("planVersion", change.stored().version());
            ArrayNode changes = root.putArray("changes");
            change.changes().forEach(changes::add);
            ArrayNode notes = root.putArray("notes");
            change.notes().forEach(notes::add);
            KeysCommand.printJson(root);
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

    /** The edit the options name (usage errors for bad or missing ones). */
    private PlanEdit edit() {
        PlanEdit edit = PlanEdit.none();
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
        if (reportOnlyDays != null) {
            if (reportOnlyDays < 0) {
                throw new UsageException("--report-only-days: not a number of days: " + reportOnlyDays);
            }
            edit = edit.reportOnly(Duration.ofDays(reportOnlyDays));
        }
        if (ramp != null) {
            edit = edit.maxAges(PlanInitCommand.maxAges(ramp));
        }
        if (maxAgeCap != null) {
            long seconds;
            try {
                seconds = new HeaderOptionConverters.SecondsConverter().convert(maxAgeCap);
            } catch (RuntimeException e) {
                throw new UsageException("--max-age-cap: " + e.getMessage());
            }
            if (seconds <= 0) {
                throw new UsageException("--max-age-cap: a positive duration (to stop pinning: pinkeeper plan retire)");
            }
            edit = edit.maxAgeCap(Duration.ofSeconds(seconds));
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
            edit.applyTo(dev.pinkeeper.plan.site.PlanSettings.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new UsageException((ramp != null ? "--ramp: " : maxAgeCap != null ? "--max-age-cap: " : "--key-lifetime: ")
                    + e.getMessage());
        }
        return edit;
    }
}
