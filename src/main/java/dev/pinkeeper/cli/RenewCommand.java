package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.SitesOption;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.lifecycle.Renewal;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.lifecycle.TestCaOrder;
import dev.pinkeeper.lifecycle.SiteRenewal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper renew}: the cron-safe maintenance run. */
@Command(name = "renew", mixinStandardHelpOptions = true,
        header = "Renew the certificates that are due and advance each site's pin plan, safely and idempotently.",
        description = {"Renew what is due and advance the plan, idempotently (run it from cron or the systemd"
                + " timer in contrib/systemd): a certificate inside its renewal window (ACME Renewal Information"
                + " where the CA offers it, else two thirds into its lifetime) is renewed with the same key (not"
                + " before a CA's recorded rate limit ends: the site waits, saying until when), a ramp step that is"
                + " due is taken,"
                + " a key whose lifetime is over (pinkeeper plan init --key-lifetime, a year by default) is rolled over to its"
                + " next key once the rollover gate says it is safe (until then: 'rollover due, waiting until …',"
                + " nothing changes), and the site is deployed with its saved settings.",
                "Exit 0 when every site succeeded, had nothing due or waits for a safe rollover, 1 when a site failed"
                        + " (the others still run)."})
final class RenewCommand implements Callable<Integer> {
    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    StateOption stateOption;

    @Mixin
    SitesOption sitesOption;

    @Option(names = "--all", description = "Every site in the state directory (the default without --site).")
    boolean all;

    @Option(names = "--concurrency", paramLabel = "N", description = "Sites renewed at the same time (default 4).")
    int concurrency = 4;

    @Mixin
    AtOption atOption;

    @Mixin
    JsonOption jsonOption;

    @Mixin
    NotifyOptions notifyOptions;

    @Mixin
    HookOptions hookOptions;

    @Mixin
    TestCaOptions testCaOptions;

    @Override
    public Integer call() {
        if (concurrency < 1) {
            throw new UsageException("--concurrency: at least 1, not " + concurrency);
        }
        notifyOptions.check();
        TestCaOrder.TestCa testCa = testCaOptions.given();
        dev.pinkeeper.ops.Hooks hooks = hookOptions.hooks();
        KeyInventory inventory = stateOption.inventory();
        LogLines log = LogLines.stderr();
        HookOptions.Run hooked = new HookOptions.Run(hooks, inventory, log);
        List<String> names = new ArrayList<>();
        try {
            if (all || sitesOption.names().isEmpty()) {
                names.addAll(inventory.sites());
            }
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        }
        for (String site : sitesOption.names()) {
            String name = StateOption.existingSite(inventory, site);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        // --at is checked against every site's clock before any site is renewed
        Instant time = atOption.inPlanRange().truncatedTo(ChronoUnit.SECONDS);
        for (String name : names) {
            atOption.change(inventory, name, false);
            if (testCa != null) { // a production CA or the site's own is refused before any site is renewed
                try {
                    TestCaOrder.check(testCa, new SiteSettingsStore(inventory.layout(name)).acme());
                } catch (java.io.IOException e) {
                    // unreadable settings fail that site's renewal, which says why
                }
            }
        }
        int total = names.size();
        PrintStream progress = jsonOption.json() ? System.err : System.out;
        AtomicInteger finished = new AtomicInteger();
        List<SiteRenewal> results;
        try {
            results = new Renewal(inventory, hooked.log(), hooked.gate()).withTestCa(testCa).renew(names, concurrency, time, result -> {
                if (Verbosity.quiet() && !jsonOption.json()) {
                    return; // the log says what failed or waits
                }
                String outcome = label(result.outcome()).replace('-', ' ');
                String said = Remedies.withRemedy(result.message(), result.remedy());
                String message = said.startsWith(outcome) ? said : outcome + ": " + said;
                progress.printf("[%d/%d] %s: %s%n", finished.incrementAndGet(), total, result.site(), message);
                progress.flush();
            });
        } catch (RuntimeException | Error e) {
            hooked.finish(); // the post-hooks run whenever the pre-hooks ran, whatever happened since
            throw e;
        }
        Map<String, List<String>> warnings = new HashMap<>();
        for (String name : names) {
            try {
                warnings.put(name, BackupWarnings.print(inventory.load(name)));
            } catch (InventoryException e) {
                warnings.put(name, List.of()); // its renewal failed and says why
            }
        }
        long failed = count(results, SiteRenewal.Outcome.FAILED);
        long done = count(results, SiteRenewal.Outcome.DONE);
        long waiting = count(results, SiteRenewal.Outcome.WAITING);
        int hookedCode = hooked.finish();
        int notified = notifyOptions.afterRenew(inventory, results, time, json(results, warnings, time), log);
        if (jsonOption.json()) {
            KeysCommand.printJson(json(results, warnings, time));
        } else if (!Verbosity.quiet()) {
            System.out.printf("%d site%s: %d renewed or advanced, %d with nothing due, %s%d failed%n", total,
                    total == 1 ? "" : "s", done, total - done - failed - waiting,
                    waiting == 0 ? "" : waiting + " waiting for a safe rollover, ", failed);
        }
        return failed == 0 && notified == ExitCode.OK && hookedCode == ExitCode.OK ? ExitCode.OK : ExitCode.REJECTED;
    }

    private static long count(List<SiteRenewal> results, SiteRenewal.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static String label(SiteRenewal.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static ObjectNode json(List<SiteRenewal> results, Map<String, List<String>> warnings, Instant at) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("at", at.toString());
        ArrayNode sites = root.putArray("sites");
        for (SiteRenewal result : results) {
            ObjectNode site = sites.addObject().put("site", result.site()).put("outcome", label(result.outcome()))
                    .put("message", Remedies.withRemedy(result.message(), result.remedy()))
                    .put("waitUntil", result.waitUntil() == null ? null : result.waitUntil().toString());
            ArrayNode siteWarnings = site.putArray("warnings");
            warnings.getOrDefault(result.site(), List.of()).forEach(siteWarnings::add);
        }
        ObjectNode counts = root.putObject("counts");
        for (SiteRenewal.Outcome outcome : SiteRenewal.Outcome.values()) {
            counts.put(label(outcome), count(results, outcome));
        }
        return root;
    }
}
