package dev.pinkeeper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pinkeeper account rollover}: a new ACME account key (RFC 8555 §7.3.5). */
@Command(name = "rollover", mixinStandardHelpOptions = true,
        header = "Replace the site's ACME account key at one CA with a new one.",
        description = "Roll the ACME account key over (RFC 8555 key change): the CA first, then the kept key file"
                + " (0600) is replaced. The account, its certificates and the site's pins stay as they are.")
final class AccountRolloverCommand implements Callable<Integer> {
    @Mixin
    AccountOptions options;

    @Override
    public Integer call() {
        return options.run("rollover", "roll the account key over", (account, site, ca) -> account.rolloverKey(site, ca));
    }
}
