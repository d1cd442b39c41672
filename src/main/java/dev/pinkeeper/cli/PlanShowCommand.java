package dev.pinkeeper.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;


import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.Durations;
import dev.pinkeeper.plan.RampStatus;
import dev.pinkeeper.plan.RampStep;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.KeyOutlook;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.PlanView;
import dev.pinkeeper.plan.site.Rotation;
import picocli.CommandLine.Command;

/** {@code pinkeeper plan show}: the headers to serve now, the ramp ahead, when each key may become current. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print today's headers (ready to paste, with nginx, Apache and HAProxy lines), the ramp steps"
                + " ahead and when each is allowed, when the next key may safely become current, and the policy warnings.")
final class PlanShowCommand extends PlanSubcommand {
    @Override
    int run(String site, PrintWriter out) throws InventoryException, PlanException, RefusedStepException {
        PlanView view = options.service().view(site, options.at());
        if (options.json()) {
            List<String> warnings = new ArrayList<>(view.warnings());
            warnings.addAll(BackupWarnings.print(view.inventory()));
            PlanShowDocument document = PlanShowDocument.of(view, view.chains().stream().map(c -> keyId(view, c)).toList(),
                    warnings);
            Json.print(document);
        } else {
            out.print(text(view));
            out.flush();
            BackupWarnings.print(view.inventory());
        }
        return ExitCode.OK;
    }

    static String text(PlanView view) {
        String site = view.inventory().site();
        StringBuilder out = new StringBuilder();
        out.append("site ").append(site).append(" (").append(String.join(", ", view.inventory().domains()))
                .append("), plan version ").append(view.stored().version()).append(", at ").append(time(view.at()))
                .append('\n');
        out.append("stage: ").append(stage(view.stage())).append('\n');
        if (view.retirement() != null) {
            out.append("retired: ").append(view.retirement().describe(view.at())).append('\n');
        }
        out.append('\n');
        out.append("Headers to serve now:\n");
        for (PkpHeader header : view.headers()) {
            out.append("  ").append(header).append('\n');
        }
        out.append("Server configuration:\n");
        for (PkpHeader header : view.headers()) {
            for (ServerLine server : ServerLine.ALL) {
                out.append(String.format("  %-9s", server.name() + ":")).append(server.lineOrComment(header)).append('\n');
            }
        }
        out.append("  (HAProxy deployed by pinkeeper: paste once instead the lines of pinkeeper header haproxy --site ")
                .append(site).append(", which follow every deployment)\n");
        out.append("Certificates to serve: ");
        out.append(String.join(", ", view.chains().stream().map(c -> "key " + keyId(view, c)).toList())).append('\n');
        for (KeyOutlook key : view.keys()) {
            if (key.key().role() == KeyRole.CURRENT && key.decision() != null && !key.decision().safe()) {
                out.append("  held back: current key ").append(key.key().id()).append(" (its pin is not in every cached"
                        + " header yet; safe from ").append(time(key.safeFrom())).append(")\n");
            }
        }
        if (view.upToDate()) {
            out.append("These are recorded as served.\n");
        } else {
            out.append("NOT recorded as served yet: deploy them, then run: pinkeeper plan advance --site ")
                    .append(site).append('\n');
        }
        out.append("\nRamp ahead (each step only after the previous one was served for its whole max-age):\n");
        if (view.upcoming().isEmpty()) {
            out.append(view.retirement() != null ? "  none: the plan is retired\n" : "  none: the final max-age is served\n");
        }
        for (RampStep step : view.upcoming()) {
            out.append("  from ").append(time(step.at())).append("  ")
                    .append(step.maxAge() == null ? "report-only" : "max-age=" + step.maxAge() + " (" + Durations.human(step.maxAge()) + ")")
                    .append('\n');
        }
        if (view.stage() != null && view.stage().nextAt() != null) {
            out.append("  next step: pinkeeper plan ramp --site ").append(site)
                    .append(view.stage().dueAt(view.at()) ? " (allowed now)" : " (allowed from " + time(view.stage().nextAt()) + ")")
                    .append('\n');
        }
        out.append("\nKeys (SAFE-FROM: when it may safely become current):\n");
        for (KeyOutlook key : view.keys()) {
            out.append("  ").append(key.key().role().label()).append("  ").append(key.key().id()).append("  ")
                    .append(key.key().pin().base64()).append("  published since ").append(time(key.publishedSince()))
                    .append("  safe from ").append(time(key.safeFrom())).append('\n');
        }
        for (KeyOutlook key : view.keys()) {
            if (key.key().role() == KeyRole.NEXT && view.stage() != null && view.retirement() == null) {
                out.append("Next key ").append(key.key().id()).append(": ").append(key.decision().message()).append('\n');
                out.append(key.decision().safe() ? "  rollover: pinkeeper plan rollover --site " + site + '\n'
                        : "  it may safely become current from " + (key.safeFrom() == null
                        ? "a full max-age after its pin is served (publish it: plan advance)" : time(key.safeFrom())) + '\n');
            }
        }
        Duration lifetime = view.stored().settings().keyLifetime();
        out.append("Automatic rollover by pinkeeper renew: ").append(view.retirement() != null ? "none (the plan is retired)"
                : lifetime == null ? "never (key lifetime: none)"
                : "after a key lifetime of " + Durations.human(lifetime.getSeconds())).append('\n');
        for (Rotation rotation : view.rotations()) {
            out.append("  ").append(rotation.describe(view.at())).append('\n');
        }
        List<String> warnings = view.warnings();
        if (!warnings.isEmpty()) {
            out.append("\nWarnings:\n");
            warnings.forEach(w -> out.append("  - ").append(w).append('\n'));
        }
        return out.toString();
    }

    private static String keyId(PlanView view, Chain chain) {
        return view.inventory().byPin(chain.leaf()).map(k -> k.id()).orElse(chain.leaf().base64());
    }

    /** One line for where a site stands on its ramp (null: nothing recorded as served yet). */
    static String stage(RampStatus status) {
        if (status == null) {
            return "nothing recorded as served yet (the plan starts with the report-only header)";
        }
        if (status.reportOnly()) {
            return "report-only";
        }
        if (status.maxAge() == null) {
            return "no pinning header served";
        }
        return "enforcing, max-age=" + status.maxAge() + " (" + Durations.human(status.maxAge()) + ")"
                + (status.complete() ? ", the final step" : "");
    }

    static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
