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
import dev.pinkeeper.server.HeaderServer;
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
            Json.print(PlanShowDocument.of(view, warnings));
        } else {
            out.print(text(view));
            out.flush();
            BackupWarnings.print(view.inventory());
        }
        return ExitCode.OK;
    }

    static String text(PlanView view) {
        StringBuilder out = new StringBuilder();
        heading(view, out);
        headers(view, out);
        certificates(view, out);
        ramp(view, out);
        keys(view, out);
        List<String> warnings = view.warnings();
        if (!warnings.isEmpty()) {
            out.append("\nWarnings:\n");
            warnings.forEach(w -> out.append("  - ").append(w).append('\n'));
        }
        return out.toString();
    }

    /** The site, the plan version, the stage and the retirement. */
    private static void heading(PlanView view, StringBuilder out) {
        out.append("site ").append(view.inventory().site()).append(" (").append(String.join(", ", view.inventory().domains()))
                .append("), plan version ").append(view.stored().version()).append(", at ").append(time(view.at()))
                .append('\n');
        out.append("stage: ").append(stage(view.stage())).append('\n');
        if (view.retirement() != null) {
            out.append("retired: ").append(view.retirement().describe(view.at())).append('\n');
        }
        out.append('\n');
    }

    /** The headers to serve now, and each server's line for them. */
    private static void headers(PlanView view, StringBuilder out) {
        out.append("Headers to serve now:\n");
        for (PkpHeader header : view.headers()) {
            out.append("  ").append(header).append('\n');
        }
        out.append("Server configuration:\n");
        for (PkpHeader header : view.headers()) {
            for (HeaderServer server : HeaderServer.all()) {
                out.append(String.format("  %-9s", server.name() + ":")).append(ServerLineText.lineOrComment(server, header))
                        .append('\n');
            }
        }
        out.append("  (HAProxy deployed by pinkeeper: paste once instead the lines of pinkeeper header haproxy --site ")
                .append(view.inventory().site()).append(", which follow every deployment)\n");
    }

    /** The certificates to serve, the current keys held back, and whether all that is recorded as served. */
    private static void certificates(PlanView view, StringBuilder out) {
        out.append("Certificates to serve: ");
        out.append(String.join(", ", view.certificateKeys().stream().map(id -> "key " + id).toList())).append('\n');
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
                    .append(view.inventory().site()).append('\n');
        }
    }

    /** The ramp steps ahead and the next one's command. */
    private static void ramp(PlanView view, StringBuilder out) {
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
            out.append("  next step: pinkeeper plan ramp --site ").append(view.inventory().site())
                    .append(view.stage().dueAt(view.at()) ? " (allowed now)" : " (allowed from " + time(view.stage().nextAt()) + ")")
                    .append('\n');
        }
    }

    /** Every key and when it may become current, the next key's rollover, the automatic rollovers. */
    private static void keys(PlanView view, StringBuilder out) {
        String site = view.inventory().site();
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

    /** An instant as the text of plan show, status and keys list prints it: to the second, or "-" for none. */
    static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
