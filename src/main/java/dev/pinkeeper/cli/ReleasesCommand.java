package dev.pinkeeper.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pinkeeper releases}: the releases {@code deploy} wrote for a site. */
@Command(name = "releases", mixinStandardHelpOptions = true,
        description = "Manage the releases deploy writes (one folder per deployment, 'live' names the served one).",
        subcommands = {ReleasesPruneCommand.class})
final class ReleasesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
