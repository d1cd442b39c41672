package dev.pinkeeper.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pinkeeper account}: a site's ACME account at its primary or backup CA. */
@Command(name = "account", mixinStandardHelpOptions = true,
        header = "Roll over, update or deactivate a site's ACME account at its primary or backup CA.",
        description = "A site's ACME account at one of its CAs (created by the first certificate issued there).",
        subcommands = {AccountRolloverCommand.class, AccountContactCommand.class, AccountDeactivateCommand.class})
final class AccountCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
