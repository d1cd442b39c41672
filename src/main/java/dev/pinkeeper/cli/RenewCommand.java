package dev.pinkeeper.cli;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.lifecycle.Renewal;
import dev.pinkeeper.lifecycle.SiteRenewal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper renew}: the cron-safe maintenance run. */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = {"Renew what is due and advance the plan, idempotently (run it from cron or the systemd"
                + " timer in contrib/systemd): a certificate inside its renewal window (ACME Renewal Information"
                + " where the CA offers it) is renewed with the same key, a ramp step or a scheduled rollover"
                + " that is due is taken, and the site is deployed with its saved settings.",
                "Exit 0 when every site succeeded or had nothing due, 1 when a site failed (the others still run)."})
final class RenewCommand implements Callable<Integer> {
    @Mixin
    StateOption stateOption;

    @Option(names = "--site", paramLabel = "NAME", description = "A site to renew; repeatable.")
    List<String> sites = new ArrayList<>();

    @Option(names = "--all", description = "Every site in the state directory (the default without --site).")
    boolean all;

    @Option(names = "--concurrency", paramLabel = "N", description = "Sites renewed at the same time (default 4).")
    int concurrency = 4;

    @Option(names = "--at", paramLabel = "TIME", description = "Act as if it were this time (ISO-8601): for rehearsals.")
    String at;

    @Override
    public Integer call() {
        if (concurrency < 1) {
            throw new UsageException("--concurrency: at least 1, not " + concurrency);
        }
        Instant time = Times.seconds("--at", at);
        KeyInventory inventory = stateOption.inventory();
        List<String> names = new ArrayList<>();
        try {
            if (all || sites.isEmpty()) {
                names.addAll(inventory.sites());
            }
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        }
        for (String site : sites) {
            String name = StateOption.site(site);
            if (!inventory.exists(name)) {
                throw new UsageException("--site: no site " + name + " in " + inventory.state().root());
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        int total = names.size();
        AtomicInteger finished = new AtomicInteger();
        List<SiteRenewal> results = new Renewal(inventory).renew(names, concurrency, time, result -> {
            System.out.printf("[%d/%d] %s: %s: %s%n", finished.incrementAndGet(), total, result.site(),
                    result.outcome().name().toLowerCase().replace('_', ' '), result.message());
            System.out.flush();
        });
        long failed = results.stream().filter(r -> r.outcome() == SiteRenewal.Outcome.FAILED).count();
        long done = results.stream().filter(r -> r.outcome() == SiteRenewal.Outcome.DONE).count();
        System.out.printf("%d site%s: %d renewed or advanced, %d with nothing due, %d failed%n", total,
                total == 1 ? "" : "s", done, total - done - failed, failed);
        return failed == 0 ? ExitCode.OK : ExitCode.REJECTED;
    }
}
