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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteSelection;
import dev.pinkeeper.lifecycle.Renewal;
import dev.pinkeeper.lifecycle.TestCaOrder;
import dev.pinkeeper.lifecycle.SiteRenewal;
import dev.pinkeeper.ops.HookRun;
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
        HookRun hooked = new HookRun(hooks, inventory, log);
        List<String> names = sites(inventory);
        // --at is checked against every site's clock before any site is renewed
        Instant time = atOption.inPlanRange().truncatedTo(ChronoUnit.SECONDS);
        for (String name : names) {
            atOption.change(inventory, name, false);
            if (testCa != null) { // a production CA or the site's own is refused before any site is renewed
                TestCaOrder.check(testCa, inventory, name);
            }
        }
        List<SiteRenewal> results;
        try {
            results = new Renewal(inventory, hooked.log(), hooked.gate()).withTestCa(testCa)
                    .renew(names, concurrency, time, progress(names.size()));
        } catch (RuntimeException | Error e) {
            HookOptions.finish(hooked); // the post-hooks run whenever the pre-hooks ran, whatever happened since
            throw e;
        }
        RenewDocument document = RenewDocument.of(results, warnings(inventory, names), time);
        int hookedCode = HookOptions.finish(hooked);
        int notified = notifyOptions.afterRenew(inventory, results, time, (ObjectNode) Json.tree(document), log);
        long failed = RenewDocument.count(results, SiteRenewal.Outcome.FAILED);
        print(document, results, names.size());
        return failed == 0 && notified == ExitCode.OK && hookedCode == ExitCode.OK ? ExitCode.OK : ExitCode.REJECTED;
    }

    /** The sites to renew: every site with {@code --all} or without {@code --site}, then those named. */
    private List<String> sites(KeyInventory inventory) {
        List<String> named = new ArrayList<>();
        for (String site : sitesOption.names()) {
            String name = StateOption.existingSite(inventory, site);
            if (!named.contains(name)) {
                named.add(name);
            }
        }
        List<String> names;
        try {
            names = new ArrayList<>(SiteSelection.names(inventory, all ? List.of() : named));
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        }
        for (String name : named) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** One progress line per site as it finishes (stderr with {@code --json}; none with {@code --quiet}). */
    private Consumer<SiteRenewal> progress(int total) {
        PrintStream progress = jsonOption.json() ? System.err : System.out;
        AtomicInteger finished = new AtomicInteger();
        return result -> {
            if (Verbosity.quiet() && !jsonOption.json()) {
                return; // the log says what failed or waits
            }
            String outcome = RenewDocument.label(result.outcome()).replace('-', ' ');
            String said = Remedies.withRemedy(result.message(), result.remedy());
            String message = said.startsWith(outcome) ? said : outcome + ": " + said;
            progress.printf("[%d/%d] %s: %s%n", finished.incrementAndGet(), total, result.site(), message);
            progress.flush();
        };
    }

    /** The warnings about each site's keys, printed on stderr ({@link BackupWarnings#print}). */
    private static Map<String, List<String>> warnings(KeyInventory inventory, List<String> names) {
        Map<String, List<String>> warnings = new HashMap<>();
        for (String name : names) {
            try {
                warnings.put(name, BackupWarnings.print(inventory.load(name)));
            } catch (InventoryException e) {
                warnings.put(name, List.of()); // its renewal failed and says why
            }
        }
        return warnings;
    }

    /** The document with {@code --json}, else the summary line (none with {@code --quiet}). */
    private void print(RenewDocument document, List<SiteRenewal> results, int total) {
        if (jsonOption.json()) {
            Json.print(document);
            return;
        }
        if (Verbosity.quiet()) {
            return;
        }
        long failed = RenewDocument.count(results, SiteRenewal.Outcome.FAILED);
        long done = RenewDocument.count(results, SiteRenewal.Outcome.DONE);
        long waiting = RenewDocument.count(results, SiteRenewal.Outcome.WAITING);
        System.out.printf("%d site%s: %d renewed or advanced, %d with nothing due, %s%d failed%n", total,
                total == 1 ? "" : "s", done, total - done - failed - waiting,
                waiting == 0 ? "" : waiting + " waiting for a safe rollover, ", failed);
    }
}
