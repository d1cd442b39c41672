package dev.pinkeeper.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.report.PublishedPlans;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.StateSitePlans;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pinkeeper collector export-plans}: the state directory's plans as a {@code --plan} file for a collector
 * that may not read the state directory (the packaged one: its own user, the state root only).
 */
@Command(name = "export-plans", mixinStandardHelpOptions = true,
        header = "Write the site plans to a file that a collector without access to the keys can read.",
        description = {"Write the plans of the state directory (pins, roles, header versions, timeline; no key) to FILE,",
                "the form collector --plan reads, atomically, mode 0640: the group of FILE's folder reads it (packaged:",
                "/var/lib/pinkeeper-plans, setgid, group pinkeeper-plans, the collector's; pinkeeper-renew.service",
                "writes it after every run). A collector started with --plan FILE follows each new version."})
final class CollectorExportPlansCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The plans file to write (replaced).")
    Path out;

    @Option(names = "--site", paramLabel = "S",
            description = "Only this site (repeatable; default: every site with a plan).")
    List<String> sites = new ArrayList<>();

    @Mixin
    StateOption stateOption;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() throws IOException {
        sites.forEach(StateOption::site);
        Path folder = out.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UsageException("--out: no folder " + folder + " to write " + out.getFileName() + " in");
        }
        if (Files.isDirectory(out)) {
            throw new UsageException("--out: " + out + " is a folder; name the plans file");
        }
        SitePlans plans;
        try {
            plans = StateSitePlans.read(stateOption.directory(), sites);
        } catch (InventoryException | PlanException e) {
            throw new UsageException(e.getMessage());
        }
        PublishedPlans published = PublishedPlans.publish(plans, out);
        if (jsonOption.json()) {
            Json.print(published); // {"file":…,"group":…,"sites":[names],"hosts":N}
        } else if (!Verbosity.quiet()) {
            int count = published.sites().size();
            System.out.println("wrote the plans of " + count + (count == 1 ? " site" : " sites") + " ("
                    + published.hosts() + " host names) to " + out + " (mode 0640, group " + published.group() + ")");
        }
        return ExitCode.OK;
    }
}
