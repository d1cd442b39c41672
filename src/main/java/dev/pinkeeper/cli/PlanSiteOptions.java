package dev.pinkeeper.cli;

import java.time.Instant;

import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.plan.site.PlanService;
import picocli.CommandLine.Mixin;

/** The options every plan command shares: {@code --state}, {@code --site}, {@code --at} and {@code --json}. */
final class PlanSiteOptions {
    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @Mixin
    AtOption atOption;

    @Mixin
    JsonOption jsonOption;

    /** The checked site name. */
    String site() {
        return siteOption.name();
    }

    /** The moment a read-only operation looks at (a time a plan records). */
    Instant at() {
        return atOption.inPlanRange();
    }

    /** The moment a change of {@code site} is recorded at: {@link dev.pinkeeper.cli.options.Times#change}. */
    Instant changeAt(String site) {
        return atOption.change(stateOption.inventory(), site, true);
    }

    /** Whether the command prints one JSON document. */
    boolean json() {
        return jsonOption.json();
    }

    /** The plan library over the resolved state directory. */
    PlanService service() {
        return new PlanService(stateOption.inventory());
    }
}
