package dev.pinkeeper.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper account contact}: replace the ACME account's contact addresses. */
@Command(name = "contact", mixinStandardHelpOptions = true,
        header = "Replace the contact e-mail addresses of the site's ACME account at one CA.",
        description = "Replace the account's contacts at the CA with the --email addresses (none: --no-email), and"
                + " save them in acme.json for accounts created later.")
final class AccountContactCommand implements Callable<Integer> {
    @Mixin
    AccountOptions options;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "A contact address; repeatable.")
    List<String> emails = new ArrayList<>();

    @Option(names = "--no-email", description = "Remove every contact address.")
    boolean none;

    @Override
    public Integer call() {
        if (emails.isEmpty() == !none) {
            throw new UsageException("--email: give the new contact addresses, or --no-email to remove them all");
        }
        return options.run("contact", "replace the contacts with " + (none ? "none" : emails),
                (account, site, ca) -> account.updateContacts(site, ca, emails));
    }
}
