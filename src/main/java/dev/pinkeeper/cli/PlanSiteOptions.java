package dev.pinkeeper.cli;

import java.time.Instant;

import dev.pinkeeper.plan.site.PlanService;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every plan command shares: {@code --state}, {@code --site} and {@code --at}. */
final class PlanSiteOptions {
    @Mixin
    StateOption stateOption;

    @Option(names = "--site", required = true, paramLabel = "NAME", description = "The site (as created by keys init).")
    String site;

    @Option(names = "--at", paramLabel = "ISO-8601",
            description = "The moment of the operation (default: now), e.g. 2027-01-31T12:00:00Z.")
    String at;

    /** The checked site name. */
    String site() {
        return StateOption.site(site);
    }

    /** The moment a read-only operation looks at (a time a plan records). */
    Instant at() {
        return Times.inPlanRange("--at", at);
    }

    /** The moment a change of {@code site} is recorded at: {@link Times#change}. */
    Instant changeAt(String site) {
        return Times.change("--at", at, stateOption.inventory(), site, true);
    }

    /** The plan library over the resolved state directory. */
    PlanService service() {
        return new PlanService(stateOption.inventory());
    }
}
