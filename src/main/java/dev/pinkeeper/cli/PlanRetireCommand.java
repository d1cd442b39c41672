package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.time.Instant;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanRetirement;
import dev.pinkeeper.plan.site.RetiredPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pinkeeper plan retire}: winds pinning down without locking anyone out. */
@Command(name = "retire", mixinStandardHelpOptions = true,
        header = "Wind a site's pinning down: serve max-age=0, keep every pinned key until no client caches a pin, then stop.",
        description = {"Retire the site's plan from --at (default now): from the next deployment (pinkeeper deploy or"
                + " renew) the header carries the same pins with max-age=0, so browsers that see it drop the pins; every"
                + " key a cached header pins is kept, and keys prune and releases prune are refused, until the longest"
                + " max-age cached before has passed; from then on no pin header is sent. Ramp steps and rollovers are"
                + " refused from now on.",
                "Exit 0: retired; 2: bad usage, no plan, or retired already."})
final class PlanRetireCommand extends PlanSubcommand {
    @Mixin
    DryRunOption dryRunOption;

    @Override
    int run(String site, PrintWriter out) throws InventoryException, PlanException, RefusedStepException {
        Instant at = options.changeAt(site);
        RetiredPlan retired = options.service().retirePlan(site, at);
        PlanRetirement retirement = retired.retirement();
        if (options.json()) {
            Json.print(new Document(site, retired.plan().version(), retirement.retiredAt(), retirement.pinsExpireAt(),
                    retirement.over(at)));
            return ExitCode.OK;
        }
        out.println("plan of site " + site + " retired (plan version " + retired.plan().version() + ").");
        out.println(retirement.describe(at));
        out.println("Next: deploy (pinkeeper deploy --site " + site + ", or let pinkeeper renew deploy) to serve"
                + " the headers pinkeeper plan show --site " + site + " prints");
        return ExitCode.OK;
    }

    /** The JSON document: the plan version written, when it was retired, from when no pin is cached. */
    record Document(String site, int planVersion, Instant retiredAt, Instant pinsExpireAt, boolean over) {
    }
}
