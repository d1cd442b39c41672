package dev.pinkeeper.cli.options;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * {@code --site NAME}, optional and repeatable: the sites a command reads (none given: every site it
 * applies to), each name checked as {@link SiteOption} checks it.
 */
public final class SitesOption {
    @Option(names = "--site", paramLabel = "NAME", description = "A site; repeatable (default: every site).")
    List<String> sites = new ArrayList<>();

    /** The names given, each checked and listed once, in the order given; empty when none was given. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (String site : sites) {
            String name = SiteOption.checked(site);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
