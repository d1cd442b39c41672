package dev.pinkeeper.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.deploy.ReleaseStore;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.server.Haproxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pinkeeper header haproxy}: the frontend lines that make HAProxy send each deployment's headers. */
@Command(name = "haproxy", mixinStandardHelpOptions = true,
        header = "Print the lines that make a site's HAProxy frontend send the headers of its live release.",
        description = {"Print the lines to paste once into the HAProxy frontend of a site: they send the headers of"
                + " the site's live/headers-haproxy.map, so every deployment's reload serves its release's headers.",
                "Deploying with --target haproxy is refused until the config reads that map."})
final class HeaderHaproxyCommand implements Callable<Integer> {
    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        KeyInventory inventory = stateOption.inventory();
        String name = StateOption.existingSite(inventory, siteOption.name());
        ReleaseStore store = new ReleaseStore(inventory.layout(name));
        try {
            List<String> lines = Haproxy.linesReadingMap(store.liveHaproxyMap());
            if (jsonOption.json()) {
                Json.print(new Document(name, lines));
            } else {
                lines.forEach(System.out::println);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--state: " + e.getMessage());
        }
        System.out.flush();
        return ExitCode.OK;
    }

    /** The JSON document: {@code {"site":…,"lines":[…]}}. */
    record Document(String site, List<String> lines) {
    }
}
