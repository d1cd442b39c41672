package dev.pinkeeper.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.pinkeeper.acme.AccountBinding;
import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.acme.RenewalWindow;
import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.lifecycle.DirectoryReach;
import dev.pinkeeper.lifecycle.GivenBinding;
import dev.pinkeeper.lifecycle.InvalidSettingException;
import dev.pinkeeper.lifecycle.IssueRun;
import dev.pinkeeper.lifecycle.SiteIssuer;
import dev.pinkeeper.lifecycle.TestCaOrder;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteTransaction;
import dev.pinkeeper.site.archive.SiteRecoveryRun;
import dev.pinkeeper.lifecycle.SiteSetting;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.ops.HookRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper issue}: certificates for the plan's keys from the site's ACME CA, then deploy. */
@Command(name = "issue", mixinStandardHelpOptions = true,
        header = "Get certificates for the plan's current keys from the site's ACME CA, then deploy them.",
        description = {"Get certificates from the site's ACME CA for the plan's current key(s) (the CSR is always"
                + " signed by the inventory's key; an RSA and an EC key get one certificate each), then deploy"
                + " them (see pinkeeper deploy).",
                "Every option is checked (files, addresses, names, reaching the CA's directory) before anything"
                        + " is written: a bad one exits 2 and changes nothing. ACME options are saved in the site's"
                        + " folder (acme.json) once a certificate was issued with them, deployment options (deploy.json)"
                        + " once deployed (with --no-deploy: once issued); later runs, and pinkeeper renew, reuse them;"
                        + " --clear forgets one."})
final class IssueCommand implements Callable<Integer> {
    @Mixin
    HookOptions hookOptions;

    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    TestCaOptions testCaOptions;

    @Mixin
    StateOption stateOption;

    @Mixin
    DeployOptions deployOptions;

    @Mixin
    JsonOption jsonOption;

    @Option(names = "--ca", paramLabel = "primary|backup", description = "Which of the site's CAs (default primary).")
    String ca = "primary";

    @Option(names = "--key", paramLabel = "KEY",
            description = "current (default: every current key), or a key id, pin or backup-N: a key that is not"
                    + " current is only issued for (proving the CA works with it), not deployed.")
    String key = "current";

    @Option(names = "--rollover",
            description = "Planned rollover first: the next key becomes current, if the rollover gate allows it now.")
    boolean rollover;

    @Option(names = "--emergency", paramLabel = "BACKUP",
            description = "Emergency first: this backup key (id or backup-N) replaces the current key.")
    String emergency;

    @Option(names = "--no-deploy", description = "Only issue; deploy later with pinkeeper deploy.")
    boolean noDeploy;

    @Option(names = "--directory", paramLabel = "URL|NAME",
            description = "Primary CA: ACME directory URL, letsencrypt or letsencrypt-staging.")
    String directory;

    @Option(names = "--acme-trust", paramLabel = "FILE",
            description = "Primary CA: PEM CA file to trust for the ACME server's TLS (pebble).")
    Path acmeTrust;

    @Option(names = "--roots", paramLabel = "FILE",
            description = "Primary CA: PEM roots its chains validate to (default: the JDK trust store).")
    Path roots;

    @Option(names = "--backup-directory", paramLabel = "URL|NAME", description = "Backup CA: ACME directory.")
    String backupDirectory;

    @Option(names = "--backup-acme-trust", paramLabel = "FILE", description = "Backup CA: PEM CA file for its TLS.")
    Path backupAcmeTrust;

    @Option(names = "--backup-roots", paramLabel = "FILE", description = "Backup CA: PEM roots of its chains.")
    Path backupRoots;

    @Option(names = "--eab-kid", paramLabel = "KID",
            description = "Primary CA: key id of the External Account Binding the CA hands out (ZeroSSL, Google Trust"
                    + " Services, SSL.com); needed once, to create the account.")
    String eabKid;

    @Option(names = "--eab-hmac-key-file", paramLabel = "FILE",
            description = "Primary CA: file holding the binding's HMAC key (base64url, as the CA gives it); copied"
                    + " into the site's state (0600), never printed.")
    Path eabHmacKeyFile;

    @Option(names = "--backup-eab-kid", paramLabel = "KID", description = "Backup CA: key id of its External Account Binding.")
    String backupEabKid;

    @Option(names = "--backup-eab-hmac-key-file", paramLabel = "FILE", description = "Backup CA: file holding its binding's HMAC key.")
    Path backupEabHmacKeyFile;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Primary CA: certificate profile to order (one its directory offers in meta.profiles).")
    String profile;

    @Option(names = "--backup-profile", paramLabel = "NAME", description = "Backup CA: certificate profile to order.")
    String backupProfile;

    @Option(names = "--force-renewal",
            description = "Order even for a key whose certificate from this CA is still valid and not yet in its renewal"
                    + " window (such a key is otherwise kept as it is, and issue is refused if every key is).")
    boolean forceRenewal;

    @Option(names = "--challenge", paramLabel = "http-01|dns-01", description = "Challenge type (default http-01).")
    String challenge;

    @Option(names = "--webroot", paramLabel = "DIR", description = "http-01: write the responses under DIR/.well-known/acme-challenge/.")
    Path webroot;

    @Option(names = "--standalone-address", paramLabel = "ADDR",
            description = "http-01 without --webroot: listen on this address (default 0.0.0.0).")
    String standaloneAddress;

    @Option(names = "--standalone-port", paramLabel = "PORT", description = "http-01 without --webroot: port (default 80).")
    Integer standalonePort;

    @Option(names = "--dns-hook", paramLabel = "SCRIPT",
            description = "dns-01: run SCRIPT add|remove DOMAIN VALUE to set the TXT record _acme-challenge.DOMAIN.")
    Path dnsHook;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "ACME account contact; repeatable.")
    List<String> emails;

    @Option(names = SettingOptions.CLEAR, paramLabel = "SETTING", completionCandidates = SettingOptions.IssueNames.class,
            description = "Forget a saved ACME or deployment setting (back to its default), named as its option"
                    + " without '--': ${COMPLETION-CANDIDATES}; repeatable.")
    List<String> clear;

    @Override
    public Integer call() {
        checkOptions();
        TestCaOrder.TestCa testCa = testCaOptions.given();
        KeyInventory inventory = stateOption.inventory();
        String name = deployOptions.existingSite(inventory);
        Instant time = deployOptions.time(inventory, name);
        Set<SiteSetting> cleared = SettingOptions.cleared(clear, true);
        SiteLayout paths = inventory.layout(name);
        try {
            // every setting checked, the key change allowed and the CA reached before anything changes
            HookRun hooked = new HookRun(hookOptions.hooks(), inventory, LogLines.stderr());
            Checked checked = checkSettings(paths, new SiteSettingsStore(paths), cleared);
            IssueRun run = new IssueRun(inventory, hooked.log());
            IssueRun.Request request = new IssueRun.Request(name, ca, key, rollover, emergency, !noDeploy, time);
            IssueRun.Keys keys = run.keys(request);
            if (testCa != null) {
                TestCaOrder.check(testCa, checked.acme());
            }
            reach(checked, paths);
            if (SiteTransaction.dryRun(paths)) {
                return IssueReport.print(name, ca, run.dryRun(request, keys, checked.acme(), testCa), json(),
                        () -> load(inventory, name));
            }
            IssueRun.Due due = run.due(request, keys, checked.acme(), forceRenewal);
            notDue(due);
            return issue(run, request, keys, due.order(), checked, hooked, inventory);
        } catch (RefusedStepException e) {
            if (json()) {
                throw e; // Main prints it: the JSON document on stdout, its line on stderr, exit 1
            }
            System.out.println("refused: " + e.getMessage());
            if (e.allowedFrom() != null) {
                System.out.println("allowed from: " + e.allowedFrom());
            }
            return ExitCode.REJECTED;
        } catch (IssuanceException e) {
            if (json()) {
                throw e; // Main prints it: the JSON document on stdout, its line on stderr, exit 1
            }
            System.err.println("pinkeeper issue: " + e.getMessage());
            return ExitCode.REJECTED;
        } catch (InvalidSettingException e) {
            throw SettingOptions.invalid(e, null, null);
        } catch (InventoryException | PlanException | IOException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** Refuses options that do not go together. */
    private void checkOptions() {
        checkCa();
        if (rollover && emergency != null) {
            throw new UsageException("--rollover and --emergency: give one of them");
        }
        if ((rollover || emergency != null) && !key.equals("current")) {
            throw new UsageException("--key: a rollover or an emergency issues for the key that becomes current");
        }
    }

    private void checkCa() {
        if (!ca.equals("primary") && !ca.equals("backup")) {
            throw new UsageException("--ca: primary or backup, not " + ca);
        }
    }

    private boolean json() {
        return jsonOption.json();
    }

    /** Says which certificates are kept as they are (valid, not yet due); refused when every one is. */
    private void notDue(IssueRun.Due due) {
        for (SiteIssuer.NotDue early : due.notDue()) {
            // with --json the document (or the refusal's) is all of stdout: these lines go to stderr
            (json() ? System.err : System.out).println((due.none() ? "refused" : "kept")
                    + ": the certificate of " + early.key().role().label()
                    + " key " + early.key().id() + " from the " + ca + " CA is valid until " + early.notAfter()
                    + " and not due for renewal before " + early.renewAt().truncatedTo(ChronoUnit.SECONDS) + " ("
                    + (early.window().source() == RenewalWindow.Source.ARI
                            ? "the CA's renewal information" : "two thirds of its lifetime") + ")");
        }
        if (due.none()) {
            throw new PinkeeperException(ErrorKind.REFUSED, "every certificate asked for is valid and not yet"
                    + " due for renewal: nothing ordered (to order anyway use --force-renewal)");
        }
    }

    /**
     * The issue once every check passed, its output, and the hooks' end (the post-hooks run whenever the
     * pre-hooks ran); returns the exit code.
     */
    private int issue(IssueRun run, IssueRun.Request request, IssueRun.Keys keys, List<KeyEntry> order,
            Checked checked, HookRun hooked, KeyInventory inventory) throws IOException {
        int code;
        try {
            IssueRun.Result result = run.issue(request, keys, order, checked.settings(), hooked.gate());
            code = IssueReport.print(request.site(), ca, result, json(), () -> load(inventory, request.site()));
        } catch (InvalidSettingException e) {
            HookOptions.finish(hooked);
            throw SettingOptions.invalid(e, checked.given(), checked.saved());
        } catch (IOException | RuntimeException | Error e) {
            HookOptions.finish(hooked); // the post-hooks run whenever the pre-hooks ran
            throw e;
        }
        int hooks = HookOptions.finish(hooked);
        return code == ExitCode.OK ? hooks : code;
    }

    static SiteInventory load(KeyInventory inventory, String site) {
        try {
            return inventory.load(site);
        } catch (InventoryException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The settings an issue checked before it reads the site's keys (see {@link #checkSettings}). */
    private record Checked(AcmeSettings given, AcmeSettings saved, AcmeSettings acme, DeploySettings deploy,
            AccountBinding primaryBinding, AccountBinding backupBinding, Set<SiteSetting> cleared) {
        IssueRun.Settings settings() {
            return new IssueRun.Settings(acme, deploy, primaryBinding, backupBinding, cleared);
        }
    }

    /**
     * The ACME and deployment settings (saved, given, the settings file's defaults, {@code cleared} ones
     * forgotten) and the account bindings, each checked, without the network; deployment settings only when
     * deploying or given.
     */
    private Checked checkSettings(SiteLayout paths, SiteSettingsStore store, Set<SiteSetting> cleared)
            throws IOException {
        AcmeSettings given = givenAcme();
        SettingOptions.givenOrCleared(given, cleared);
        AcmeSettings saved = store.acme();
        AcmeSettings acme = acmeSettings(saved, given, cleared);
        DeploySettings deploy = !noDeploy || deployOptions.anyGiven(cleared)
                ? deployOptions.settings(store.deploy(), cleared) : null;
        AccountBinding primaryBinding = binding(GivenBinding.primary(acme, paths, eabKid, eabHmacKeyFile,
                SettingsDefaults.current().eabKid(), SettingsDefaults.current().eabHmacKeyFile()),
                "--eab-kid", "--eab-hmac-key-file");
        AccountBinding backupBinding = binding(GivenBinding.of("backup", acme, paths, backupEabKid, backupEabHmacKeyFile),
                "--backup-eab-kid", "--backup-eab-hmac-key-file");
        try {
            SiteIssuer.checkKnownBinding(acme, ca, paths, ca.equals("backup") ? backupBinding : primaryBinding);
        } catch (InvalidSettingException e) {
            throw SettingOptions.invalid(e, given, saved);
        }
        return new Checked(given, saved, acme, deploy, primaryBinding, backupBinding, cleared);
    }

    /**
     * How a site about to be recreated is certified and deployed ({@code pinkeeper site recover --issue}): the
     * hooks, the ACME and deployment settings and the account binding, as an issue checks them; nothing
     * written. {@link SiteRecoveryRun#check} then reads the CA's directory.
     */
    SiteRecoveryRun.Certify certifyNewSite(KeyInventory inventory, String name) throws IOException {
        checkCa();
        hookOptions.hooks();
        SiteLayout paths = inventory.layout(name);
        Checked checked = checkSettings(paths, new SiteSettingsStore(paths), SettingOptions.cleared(clear, true));
        return new SiteRecoveryRun.Certify(ca, checked.acme(),
                ca.equals("backup") ? checked.backupBinding() : checked.primaryBinding(), checked.deploy());
    }

    /**
     * The binding given on this command line ({@code kidFlag}, {@code keyFlag}) or in the settings file, or
     * null when none was given; a usage error naming the part missing or unusable ({@link GivenBinding}).
     */
    private static AccountBinding binding(GivenBinding given, String kidFlag, String keyFlag) {
        String kid = given.fromSettingsFile() ? "eab-kid (settings file)" : kidFlag;
        String key = given.fromSettingsFile() ? "eab-hmac-key-file (settings file)" : keyFlag;
        if (given.fault() == null) {
            return given.binding();
        }
        throw new UsageException(switch (given.fault()) {
            case KEY_ID_MISSING -> key + ": give the binding's key id with " + kid + " too";
            case HMAC_KEY_MISSING -> kid + ": give the binding's HMAC key with " + key + " too";
            case HMAC_KEY_UNUSABLE -> key + ": " + given.problem();
        });
    }

    /** {@code saved} with {@code given} replacing it and {@code cleared} forgotten, every value checked. */
    private AcmeSettings acmeSettings(AcmeSettings saved, AcmeSettings given, Set<SiteSetting> cleared) {
        // the settings file's defaults, below what the site saved and what is given here
        AcmeSettings acme = SettingsDefaults.acme().merge(saved).merge(given).without(cleared);
        try {
            acme.check().ca(ca);
        } catch (InvalidSettingException e) {
            throw SettingOptions.invalid(e, given, saved);
        }
        return acme;
    }

    /**
     * Reads the CA's ACME directory before anything changes: one given on this command line that cannot be
     * read is a usage error naming it; a saved one that cannot be read now fails the issuance (exit 1).
     */
    private void reach(Checked checked, SiteLayout paths) throws IssuanceException {
        Optional<DirectoryReach> unread = DirectoryReach.check(checked.acme(), ca, paths, checked.given());
        if (unread.isPresent() && unread.get().givenNow()) {
            throw SettingOptions.invalid(unread.get().error(), checked.given(), checked.saved());
        }
        if (unread.isPresent()) {
            throw new IssuanceException(unread.get().error().problem(), unread.get().error());
        }
    }

    /** The ACME settings given on this command line (null fields: not given). */
    private AcmeSettings givenAcme() {
        try {
            CaSettings primary = new CaSettings(directory, DeployOptions.string(acmeTrust), DeployOptions.string(roots),
                    eabKid, profile);
            CaSettings backup = new CaSettings(backupDirectory, DeployOptions.string(backupAcmeTrust),
                    DeployOptions.string(backupRoots), backupEabKid, backupProfile);
            return new AcmeSettings(primary, backup, challenge, DeployOptions.string(webroot), standaloneAddress,
                    standalonePort, DeployOptions.string(dnsHook), emails);
        } catch (InvalidSettingException e) {
            throw SettingOptions.invalid(e, null, null);
        }
    }
}
