package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.SitesOption;
import dev.pinkeeper.cli.options.JsonOption;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;


import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.plan.site.Rotation;
import dev.pinkeeper.status.CertificateStatus;
import dev.pinkeeper.status.DeploymentStatus;
import dev.pinkeeper.status.KeyStatus;
import dev.pinkeeper.status.PlanStatus;
import dev.pinkeeper.status.SiteStatus;
import dev.pinkeeper.status.StatusReader;
import dev.pinkeeper.status.StatusWarning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper status}: every site at a glance, and whether one needs the operator. */
@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show every site at a glance: keys, plan stage, headers, certificates, deployment and warnings.",
        description = {"Show each site (or the --site ones): its keys with role, pin and where the private half is"
                + " (this server or offline only), the plan's stage, the headers served now and those to serve, the"
                + " next ramp step and rollover and when each is safe, each certificate's expiry and renewal, the live"
                + " release and whether the server serves it (probed at the deploy settings' probe address), the last"
                + " renewal, and every warning: a backup not offline yet, headers not deployed, a rollover waiting, a"
                + " failed renewal, a server that does not follow.",
                "Exit 0: nothing needs the operator; 1: something does (see the warnings); 2: bad usage or no such site."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    StateOption stateOption;

    @Mixin
    SitesOption sitesOption;

    @Mixin
    AtOption atOption;

    @Option(names = "--no-probe", description = "Do not connect to the servers: read the state directory only.")
    boolean noProbe;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        KeyInventory inventory = stateOption.inventory();
        List<String> names = new ArrayList<>();
        for (String site : sitesOption.names()) {
            names.add(StateOption.existingSite(inventory, site));
        }
        Instant time = atOption.inPlanRange();
        StatusReader reader = new StatusReader(new dev.pinkeeper.plan.site.PlanService(inventory), !noProbe);
        List<SiteStatus> statuses;
        try {
            statuses = reader.read(names, time);
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } catch (PlanException e) {
            throw new UsageException(e.getMessage(), e);
        }
        boolean needed = statuses.stream().anyMatch(SiteStatus::needsOperator);
        if (jsonOption.json()) {
            Json.print(StatusDocument.of(time, statuses, site -> warning -> message(site, warning)));
        } else {
            if (statuses.isEmpty()) {
                System.out.println("no sites in " + inventory.state().root());
            }
            statuses.forEach(status -> text(status, System.out));
            System.out.flush();
        }
        return needed ? ExitCode.REJECTED : ExitCode.OK;
    }

    private static void text(SiteStatus s, PrintStream out) {
        out.println("Site " + s.site() + " (" + String.join(", ", s.domains()) + ") at " + PlanShowCommand.time(s.at())
                + (s.needsOperator() ? ": NEEDS ATTENTION" : ": ok"));
        out.println("  Keys:");
        for (KeyStatus key : s.keys()) {
            out.println(String.format("    %-8s %s  %s  %s  private half: %s", key.key().role().label(), key.key().id(),
                    key.key().algorithm().label(), key.key().pin().base64(), privateHalf(key)));
        }
        printPlan(s, out);
        out.println("  Certificates:");
        for (CertificateStatus certificate : s.certificates()) {
            out.println("    key " + certificate.keyId() + ": " + (!certificate.issued() ? "none issued"
                    : "expires " + PlanShowCommand.time(certificate.notAfter()) + ", renewal from "
                    + PlanShowCommand.time(certificate.renewal().start())));
        }
        DeploymentStatus deployment = s.deployment();
        out.println("  Deployment: " + (deployment == null ? "none yet" : "release " + deployment.release()
                + (deployment.target() == null ? "" : " (" + deployment.target() + ")") + "; server follows: "
                + follows(deployment.follows()) + " (" + deployment.detail() + ")"));
        out.println("  Last renewal: " + (s.lastRenewal() == null ? "none recorded" : PlanShowCommand.time(s.lastRenewal().at())
                + " " + StatusDocument.label(s.lastRenewal().outcome()) + ": "
                + s.lastRenewal().message()));
        if (!s.warnings().isEmpty()) {
            out.println("  Warnings:");
            for (StatusWarning warning : s.warnings()) {
                out.println("    " + (warning.needsOperator() ? "! " : "- ") + message(s, warning));
            }
        }
        out.println();
    }

    /** The plan's part of a site's text: stage, headers, next ramp step, rollovers, retirement. */
    private static void printPlan(SiteStatus s, PrintStream out) {
        PlanStatus plan = s.plan();
        if (plan == null) {
            out.println("  Plan: none");
            return;
        }
        out.println("  Plan: version " + plan.version() + ", " + (plan.retirement() == null ? PlanShowCommand.stage(plan.stage())
                : plan.retirement().over(s.at()) ? "retired: pinning is over" : "retired: winding down"));
        out.println("    served now:" + (plan.served().isEmpty() ? " no pin header" : ""));
        plan.served().forEach(h -> out.println("      " + h));
        if (!plan.deployed()) {
            out.println("    to serve (not deployed yet):" + (plan.toServe().isEmpty() ? " no pin header" : ""));
            plan.toServe().forEach(h -> out.println("      " + h));
        }
        if (plan.nextStep() != null) {
            out.println("    next ramp step: " + (plan.nextStep().maxAge() == null ? "report-only" : "max-age="
                    + plan.nextStep().maxAge()) + " from " + PlanShowCommand.time(plan.nextStep().at()));
        }
        for (Rotation rotation : plan.rollovers()) {
            out.println("    next rollover: key " + rotation.current().id() + " -> " + rotation.next().key().id()
                    + ", " + (rotation.dueAt() == null ? "not by itself (no key lifetime)" : "due "
                    + PlanShowCommand.time(rotation.dueAt())) + ", " + (rotation.safe() ? "safe now"
                    : "safe from " + PlanShowCommand.time(rotation.waitUntil())));
        }
        if (plan.retirement() != null) {
            out.println("    retired: " + plan.retirement().describe(s.at()));
        }
    }

    /**
     * The warning's line, with the commands that fix it where there are any: after a colon for a backup to export,
     * else in parentheses ("MESSAGE (pinkeeper deploy --site S, or pinkeeper renew)").
     */
    private static String message(SiteStatus s, StatusWarning warning) {
        List<Remedy.Run> remedies = warning.remedies(s.site());
        if (remedies.isEmpty()) {
            return warning.message();
        }
        String commands = String.join(", or ", remedies.stream()
                .map(Remedies::commandLine).toList());
        return warning.kind() == StatusWarning.Kind.BACKUP_ONLINE ? warning.message() + ": " + commands
                : warning.message() + " (" + commands + ")";
    }

    private static String privateHalf(KeyStatus key) {
        return key.privateHalf() == KeyStatus.PrivateHalf.THIS_SERVER ? "this server" : "offline only";
    }

    private static String follows(Boolean follows) {
        return follows == null ? "not checked" : follows ? "yes" : "NO";
    }
}
