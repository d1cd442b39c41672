package dev.pinkeeper.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.StateDirectory;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.report.SitePlanFile;
import dev.pinkeeper.report.SitePlans;
import dev.pinkeeper.report.StateSitePlans;

/**
 * Where {@code collector} and {@code reports} take the site plans from: a {@code --plan FILE}, else
 * the plans kept in the state directory (all sites, or the {@code --site} ones).
 */
final class SitePlanSource {
    private SitePlanSource() {
    }

    /**
     * The plans of {@code planFile} when given, else of {@code sites} (empty: all) in {@code state};
     * with {@code follow}, re-read when they change (a running collector).
     */
    static SitePlans load(Path planFile, Path state, List<String> sites, boolean follow) {
        if (planFile != null) {
            try {
                return follow ? SitePlanFile.watch(planFile) : SitePlanFile.read(planFile);
            } catch (IOException e) {
                throw new UsageException(planFile + ": " + e.getMessage());
            }
        }
        sites.forEach(StateOption::site);
        try {
            StateDirectory directory = new StateDirectory(state);
            return follow ? StateSitePlans.open(directory, sites) : StateSitePlans.read(directory, sites);
        } catch (InventoryException | PlanException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
