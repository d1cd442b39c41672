package dev.pinkeeper.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.InventoryJson;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.Durations;
import dev.pinkeeper.plan.RampStatus;
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

    @Option(names = "--site", paramLabel = "NAME", description = "A site to show; repeatable (default: every site).")
    List<String> sites = new ArrayList<>();

    @Option(names = "--at", paramLabel = "ISO-8601", description = "The moment to look at (default: now).")
    String at;

    @Option(names = "--no-probe", description = "Do not connect to the servers: read the state directory only.")
    boolean noProbe;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Override
    public Integer call() {
        KeyInventory inventory = stateOption.inventory();
        List<String> names = new ArrayList<>();
        for (String site : sites) {
            String name = StateOption.existingSite(inventory, site);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        Instant time = at == null ? Instant.now() : Times.inPlanRange("--at", at);
        StatusReader reader = new StatusReader(inventory, !noProbe);
        List<SiteStatus> statuses = new ArrayList<>();
        try {
            if (names.isEmpty()) {
                statuses.addAll(reader.readAll(time));
            } else {
                for (String name : names) {
                    statuses.add(reader.read(name, time));
                }
            }
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } catch (PlanException e) {
            throw new UsageException(e.getMessage(), e);
        }
        boolean needed = statuses.stream().anyMatch(SiteStatus::needsOperator);
        if (json) {
            ObjectNode root = InventoryJson.mapper().createObjectNode();
            root.put("at", time.toString());
            root.put("needsOperator", needed);
            ArrayNode list = root.putArray("sites");
            statuses.forEach(status -> list.add(json(status)));
            KeysCommand.printJson(root);
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
        PlanStatus plan = s.plan();
        if (plan == null) {
            out.println("  Plan: none");
        } else {
            out.println("  Plan: version " + plan.version() + ", " + stage(plan.stage()));
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
                + " " + s.lastRenewal().outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ": "
                + s.lastRenewal().message()));
        if (!s.warnings().isEmpty()) {
            out.println("  Warnings:");
            for (StatusWarning warning : s.warnings()) {
                out.println("    " + (warning.needsOperator() ? "! " : "- ") + message(s, warning));
            }
        }
        out.println();
    }

    /** The warning's line, with the command that fixes it where there is one. */
    private static String message(SiteStatus s, StatusWarning warning) {
        return switch (warning.kind()) {
            case BACKUP_ONLINE -> warning.message() + ": " + BackupWarnings.exportCommand(s.site(), warning.subject());
            case NOT_DEPLOYED -> warning.message() + " (pinkeeper deploy --site " + s.site() + ", or pinkeeper renew)";
            case NO_PLAN -> warning.message() + " (pinkeeper plan init --site " + s.site() + ")";
            default -> warning.message();
        };
    }

    private static String privateHalf(KeyStatus key) {
        return key.privateHalf() == KeyStatus.PrivateHalf.THIS_SERVER ? "this server" : "offline only";
    }

    private static String follows(Boolean follows) {
        return follows == null ? "not checked" : follows ? "yes" : "NO";
    }

    private static String stage(RampStatus stage) {
        if (stage == null) {
            return "nothing recorded as served yet";
        }
        if (stage.reportOnly()) {
            return "report-only";
        }
        return stage.maxAge() == null ? "no pin header served" : "enforcing, max-age=" + stage.maxAge() + " ("
                + Durations.human(stage.maxAge()) + ")" + (stage.complete() ? ", the final step" : "");
    }

    private static ObjectNode json(SiteStatus s) {
        ObjectNode site = InventoryJson.mapper().createObjectNode();
        site.put("site", s.site());
        ArrayNode domains = site.putArray("domains");
        s.domains().forEach(domains::add);
        site.put("at", s.at().toString());
        site.put("needsOperator", s.needsOperator());
        ArrayNode keys = site.putArray("keys");
        for (KeyStatus key : s.keys()) {
            keys.addObject().put("id", key.key().id()).put("role", key.key().role().label())
                    .put("algorithm", key.key().algorithm().label()).put("pin", key.key().pin().base64())
                    .put("privateHalf", key.privateHalf() == KeyStatus.PrivateHalf.THIS_SERVER ? "this-server" : "offline-only")
                    .put("publishedSince", string(key.publishedSince())).put("safeFrom", string(key.safeFrom()));
        }
        PlanStatus plan = s.plan();
        if (plan == null) {
            site.putNull("plan");
        } else {
            ObjectNode p = site.putObject("plan");
            p.put("version", plan.version());
            RampStatus stage = plan.stage();
            ObjectNode st = p.putObject("stage");
            st.put("served", stage != null);
            st.put("reportOnly", stage != null && stage.reportOnly());
            if (stage == null || stage.maxAge() == null) {
                st.putNull("maxAge");
            } else {
                st.put("maxAge", stage.maxAge());
            }
            headers(p.putArray("servedHeaders"), plan.served());
            headers(p.putArray("headersToServe"), plan.toServe());
            p.put("deployed", plan.deployed());
            if (plan.nextStep() == null) {
                p.putNull("nextRampStep");
            } else {
                ObjectNode next = p.putObject("nextRampStep").put("at", plan.nextStep().at().toString());
                if (plan.nextStep().maxAge() == null) {
                    next.putNull("maxAge");
                } else {
                    next.put("maxAge", plan.nextStep().maxAge());
                }
            }
            ArrayNode rollovers = p.putArray("rollovers");
            for (Rotation r : plan.rollovers()) {
                rollovers.addObject().put("key", r.current().id()).put("next", r.next().key().id())
                        .put("dueAt", string(r.dueAt())).put("due", r.dueAt(s.at())).put("safeNow", r.safe())
                        .put("safeFrom", string(r.waitUntil()));
            }
            if (plan.retirement() == null) {
                p.putNull("retirement");
            } else {
                p.putObject("retirement").put("retiredAt", plan.retirement().retiredAt().toString())
                        .put("pinsExpireAt", string(plan.retirement().pinsExpireAt()))
                        .put("over", plan.retirement().over(s.at()));
            }
        }
        ArrayNode certificates = site.putArray("certificates");
        for (CertificateStatus c : s.certificates()) {
            certificates.addObject().put("key", c.keyId()).put("subject", c.subject()).put("notAfter", string(c.notAfter()))
                    .put("renewalFrom", c.renewal() == null ? null : c.renewal().start().toString());
        }
        DeploymentStatus d = s.deployment();
        if (d == null) {
            site.putNull("deployment");
        } else {
            ObjectNode node = site.putObject("deployment").put("release", d.release()).put("target", d.target());
            ArrayNode leaves = node.putArray("leafPins");
            d.leafPins().forEach(pin -> leaves.add(pin.base64()));
            if (d.follows() == null) {
                node.putNull("serverFollows");
            } else {
                node.put("serverFollows", d.follows());
            }
            node.put("detail", d.detail());
        }
        if (s.lastRenewal() == null) {
            site.putNull("lastRenewal");
        } else {
            site.putObject("lastRenewal").put("at", s.lastRenewal().at().toString())
                    .put("outcome", s.lastRenewal().outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .put("message", s.lastRenewal().message());
        }
        ArrayNode warnings = site.putArray("warnings");
        for (StatusWarning w : s.warnings()) {
            warnings.addObject().put("kind", w.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .put("subject", w.subject()).put("needsOperator", w.needsOperator()).put("message", message(s, w));
        }
        return site;
    }

    private static void headers(ArrayNode array, List<PkpHeader> headers) {
        headers.forEach(h -> array.addObject().put("name", h.name()).put("value", h.value()));
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
