package dev.pinkeeper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper account deactivate}: deactivate the ACME account for good (RFC 8555 §7.3.6). */
@Command(name = "deactivate", mixinStandardHelpOptions = true,
        header = "Deactivate the site's ACME account at one CA for good.",
        description = "Deactivate the account at the CA (it cannot be undone: the CA refuses the account from then"
                + " on). Its key is set aside, so the next issue at that CA creates a new account (with a new External"
                + " Account Binding where the CA requires one). Needs --yes.")
final class AccountDeactivateCommand implements Callable<Integer> {
    @Mixin
    AccountOptions options;

    @Option(names = "--yes", description = "Really deactivate (it cannot be undone).")
    boolean yes;

    @Override
    public Integer call() {
        if (!yes && !options.dryRunOption.given()) {
            throw new UsageException("--yes: deactivating an account cannot be undone; add --yes (or --dry-run to check)");
        }
        return options.run("deactivate", "deactivate the account", (account, site, ca) -> account.deactivate(site, ca));
    }
}
