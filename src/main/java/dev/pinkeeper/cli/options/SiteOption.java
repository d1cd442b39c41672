package dev.pinkeeper.cli.options;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.keys.StateDirectory;
import picocli.CommandLine.Option;

/** {@code --site NAME}, required: the one site a command reads or changes, its name checked. */
public final class SiteOption {
    @Option(names = "--site", required = true, paramLabel = "NAME", description = "The site (as created by keys init).")
    String site;

    /** The site's name, checked (a usage error naming {@code --site} when it cannot be a site's name). */
    public String name() {
        return checked(site);
    }

    /** {@code name} checked as a site's name given with {@code --site}. */
    public static String checked(String name) {
        try {
            StateDirectory.checkSiteName(name);
            return name;
        } catch (IllegalArgumentException e) {
            throw new PinkeeperException(ErrorKind.USAGE, "--site: " + e.getMessage());
        }
    }
}
