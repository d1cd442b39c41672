package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.lifecycle.InvalidSettingException;
import dev.pinkeeper.lifecycle.SiteAccount;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every {@code account} command takes, and how it runs one change and renders it. */
final class AccountOptions {
    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @Option(names = "--ca", paramLabel = "primary|backup", description = "Which of the site's CAs (default primary).")
    String ca = "primary";

    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    JsonOption jsonOption;

    /** One account change, as {@link #run} carries it out. */
    interface Step {
        SiteAccount.Change apply(SiteAccount account, String site, String ca) throws IOException, IssuanceException;
    }

    /** Runs {@code step} (or, with {@code --dry-run}, only the checks) and prints its result. */
    int run(String command, String what, Step step) {
        if (!ca.equals("primary") && !ca.equals("backup")) {
            throw new UsageException("--ca: primary or backup, not " + ca);
        }
        KeyInventory inventory = stateOption.inventory();
        String name = StateOption.existingSite(inventory, siteOption.name());
        SiteAccount account = new SiteAccount(inventory);
        SiteAccount.Change change;
        try {
            change = dryRunOption.given() ? account.check(name, ca, what) : step.apply(account, name, ca);
        } catch (InvalidSettingException e) {
            if (e.setting() == dev.pinkeeper.lifecycle.SiteSetting.CONTACTS) {
                throw SettingOptions.invalid(e, null, null);
            }
            throw new UsageException("site " + name + ": " + e.problem() + " (pinkeeper issue "
                    + SettingOptions.flag(e.setting()) + " sets it)", e);
        } catch (IOException e) {
            throw new UsageException("site " + name + ": " + Inputs.describe(e), e);
        } catch (IssuanceException e) {
            if (jsonOption.json()) {
                Json.print(new Refused(name, ca, false, e.getMessage()));
            } else {
                System.err.println("pinkeeper account " + command + ": " + e.getMessage());
            }
            return ExitCode.REJECTED;
        }
        if (jsonOption.json()) {
            Json.print(new Done(name, ca, change.directory().toString(), true, dryRunOption.given(), change.done()));
        } else {
            System.out.println(ca + " CA " + change.directory() + ": " + change.done());
        }
        return ExitCode.OK;
    }

    /** The JSON document of a change done (or checked, in a dry run). */
    record Done(String site, String ca, String directory, boolean ok, boolean dryRun, String done) {
    }

    /** The JSON document of a change the CA refused. */
    record Refused(String site, String ca, boolean ok, String error) {
    }
}
