package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.cli.options.Times;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.Callable;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.error.Remedy;
import dev.pinkeeper.lifecycle.IssueRun;
import dev.pinkeeper.keys.backup.EncryptedKeyCodec;
import dev.pinkeeper.keys.backup.OfflineBackup;
import dev.pinkeeper.keys.backup.WrongPassphraseException;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.site.archive.SiteRecovery;
import dev.pinkeeper.site.archive.SiteRecoveryRun;
import dev.pinkeeper.lifecycle.InvalidSettingException;
import dev.pinkeeper.ops.HookRun;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import dev.pinkeeper.verify.FetchException;
import dev.pinkeeper.verify.LiveFetcher;
import dev.pinkeeper.verify.LiveResponse;
import dev.pinkeeper.verify.SiteAddress;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pinkeeper site recover}: a lost site recreated from its offline backup keys alone. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        header = "Recreate a lost site from its offline backup keys and the header clients still cache.",
        description = {"Recreate a site whose state directory is lost, from nothing but its offline backup keys (their"
                + " .key.pem files or the texts scanned from their sheets) and the Public-Key-Pins header clients may"
                + " cache: learnt from the site, which still serves it, or given by hand; and the older headers"
                + " the site served before whose max-age has not run out (--older-header, each with --last-served).",
                "The first backup every cached header pins becomes the current key; a next key and, if fewer than two"
                        + " backups are left, new backups are generated; the plan records the cached headers as served"
                        + " one after the other, up to now. The lockout simulator checks the step first: when no backup"
                        + " is pinned by every cached header, or a returning client would be locked out, exit 1 and"
                        + " nothing is written.",
                "Then pinkeeper issue --site NAME (at either CA) issues for the promoted key and deploys it; with"
                        + " --issue this run does it, with pinkeeper issue's options given after --, checked (the CA's"
                        + " directory read) before the site is recreated. Should the issue or the deployment fail once"
                        + " the site is recreated, the site stays recreated: pinkeeper issue (or deploy) continues."})
final class SiteRecoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @Option(names = "--domain", required = true, split = ",", paramLabel = "NAME",
            description = "Its domains (repeatable or comma-separated; the first is the apex the plan follows).")
    List<String> domains;

    @Option(names = "--backup", paramLabel = "FILE", description = "An exported SITE-ID.key.pem file; repeatable.")
    List<Path> backupFiles = new ArrayList<>();

    @Option(names = "--qr-text", paramLabel = "FILE",
            description = "The texts scanned from one sheet's QR codes ('-' = standard input); repeatable.")
    List<String> qrTexts = new ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "File whose first line is the backups' passphrase; default: ask.")
    Path passphraseFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Cached cached;

    static final class Cached {
        @Option(names = "--pins-from-live", paramLabel = "URL",
                description = "Learn the header clients cache from the site: https://host[:port]/ (its chain is read, not trusted).")
        String live;

        @Option(names = "--cached-header", paramLabel = "VALUE",
                description = "The Public-Key-Pins value the site served last, by hand.")
        String header;
    }

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<Older> older = new ArrayList<>();

    static final class Older {
        @Option(names = "--older-header", required = true, paramLabel = "VALUE",
                description = "A Public-Key-Pins value the site served before, which returning clients may still cache"
                        + " (its max-age not run out); repeatable, each followed by its --last-served.")
        String value;

        @Option(names = "--last-served", required = true, paramLabel = "TIME",
                description = "When the site last served the --older-header before it (ISO-8601).")
        String lastServed;
    }

    @Option(names = "--connect-to", paramLabel = "ADDRESS",
            description = "With --pins-from-live: connect to this address instead of resolving the host.")
    String connectTo;

    @Option(names = "--report-only", description = "With --cached-header: it was a Public-Key-Pins-Report-Only value.")
    boolean reportOnly;

    @Mixin
    AtOption atOption;

    @Option(names = "--simulated-clock",
            description = "The site runs on a simulated clock (rehearsals): later --at may be far from this machine's clock.")
    boolean simulatedClock;

    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    JsonOption jsonOption;

    @Option(names = "--issue",
            description = "Then, in the same run, issue a certificate for the promoted key and deploy it as pinkeeper"
                    + " issue does, with the issue options given after -- (not --site, --state, --at, --json,"
                    + " --dry-run, --key, --rollover, --emergency, --no-deploy: this command gives them).")
    boolean issue;

    @Parameters(paramLabel = "ISSUE-OPTION", description = "With --issue, after --: pinkeeper issue's options (--ca,"
            + " the CA's directory, the challenge, the deployment target...).")
    List<String> issueOptions = new ArrayList<>();

    /** Issue options this command gives the issue itself, or that do not fit a recovery. */
    private static final List<String> NOT_ISSUE_OPTIONS = List.of("--site", "--state", "--at", "--json", "--dry-run",
            "--key", "--rollover", "--emergency", "--no-deploy");

    @Override
    public Integer call() {
        String name = siteOption.name();
        checkOptions();
        KeyInventory inventory = stateOption.inventory();
        CommandLine issuing = issue ? issueCommand(name, inventory) : null;
        if (!issue && !issueOptions.isEmpty()) {
            throw new UsageException("ISSUE-OPTION: only with --issue (" + issueOptions.get(0) + ")");
        }
        Instant time = atOption.seconds();
        List<byte[]> encrypted = encryptedBackups();
        SiteRecovery.Request request = request(name, time, encrypted);
        try {
            if (issuing == null) {
                return printRecovery(name, new SiteRecovery(inventory).recover(request, dryRunOption.given()), time, null);
            }
            IssueCommand issueCommand = (IssueCommand) issuing.getCommand();
            SiteRecoveryRun.Certify certify = issueCommand.certifyNewSite(inventory, name);
            HookRun hooked = new HookRun(issueCommand.hookOptions.hooks(), inventory,
                    LogLines.stderr());
            SiteRecoveryRun run = new SiteRecoveryRun(inventory, hooked.log());
            if (!dryRunOption.given()) {
                return recoverAndIssue(run, request, certify, hooked, inventory);
            }
            // everything a run checks before the site is recreated
            return printRecovery(name, run.check(request, certify), time, certify.ca());
        } catch (InvalidSettingException e) {
            throw SettingOptions.invalid(e, null, null);
        } catch (IOException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (RefusedStepException e) {
            if (jsonOption.json()) {
                Json.print(RefusedDocument.of(e.getMessage()));
            } else {
                System.out.println(e.getMessage());
            }
            return ExitCode.REJECTED;
        } catch (InventoryException | PlanException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private void checkOptions() {
        if (backupFiles.isEmpty() && qrTexts.isEmpty()) {
            throw new UsageException("--backup or --qr-text: give at least one backup key");
        }
        if (cached.live == null && connectTo != null) {
            throw new UsageException("--connect-to: only with --pins-from-live");
        }
        if (cached.header == null && reportOnly) {
            throw new UsageException("--report-only: only with --cached-header");
        }
    }

    /**
     * Prints a recovery made or checked without an issue ({@code checkedCa}: the CA an issue was checked with, in
     * a dry run of {@code --issue}); returns the exit code.
     */
    private int printRecovery(String name, SiteRecovery.Recovered recovered, Instant time, String checkedCa) {
        if (jsonOption.json()) {
            RecoverDocument document = RecoverDocument.of(recovered, time);
            Json.print(checkedCa == null ? document : document.withIssue(Map.of("status", "checked")));
        } else {
            print(name, recovered, time, checkedCa == null);
            if (checkedCa != null) {
                System.out.println("the issue options are checked and the " + checkedCa
                        + " CA's directory read: would issue for " + recovered.promoted().id() + " and deploy it");
            }
        }
        return ExitCode.OK;
    }

    /** The recovery's request: the cached headers learnt or given, the backups decrypted. */
    private SiteRecovery.Request request(String name, Instant time, List<byte[]> encrypted) {
        Pin servedLeaf = null;
        PkpHeader header;
        List<SiteRecovery.CachedHeader> headers = new ArrayList<>();
        try {
            if (cached.live != null) {
                LiveResponse response = fetch();
                header = SiteRecovery.cachedHeader(response);
                servedLeaf = response.servedChain().isEmpty() ? null
                        : Pin.ofSpki(response.servedChain().get(0).getPublicKey().getEncoded());
            } else {
                header = SiteRecovery.parse(cached.header, reportOnly, "--cached-header");
            }
            for (Older given : older) {
                headers.add(new SiteRecovery.CachedHeader(SiteRecovery.parse(given.value, false, "--older-header"),
                        Times.seconds("--last-served", given.lastServed)));
            }
        } catch (InventoryException e) {
            throw new UsageException(e.getMessage(), e);
        }
        headers.add(new SiteRecovery.CachedHeader(header, null));
        return new SiteRecovery.Request(name, domains, decrypt(encrypted), headers, servedLeaf, time, simulatedClock);
    }

    /** The backups decrypted with the passphrase (read from its file, else asked). */
    private List<PrivateKeyInfo> decrypt(List<byte[]> encrypted) {
        char[] passphrase = Passphrases.read(passphraseFile, false);
        List<PrivateKeyInfo> keys = new ArrayList<>();
        try {
            for (byte[] backup : encrypted) {
                keys.add(EncryptedKeyCodec.decrypt(backup, passphrase));
            }
        } catch (WrongPassphraseException e) {
            throw new UsageException("--passphrase-file: " + e.getMessage(), e);
        } catch (InventoryException e) {
            throw new UsageException(e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        return keys;
    }

    /**
     * pinkeeper issue for the recovered site, as parsed from {@code --issue}'s options; refused when they
     * name an option this command gives itself.
     */
    private CommandLine issueCommand(String name, KeyInventory inventory) {
        for (String option : issueOptions) {
            for (String own : NOT_ISSUE_OPTIONS) {
                if (option.equals(own) || option.startsWith(own + "=")) {
                    throw new UsageException("ISSUE-OPTION: " + own + " is not an option of the issue after a recovery"
                            + " (this command gives the site, the state, the time and the output; the issue is for"
                            + " the promoted key and deploys it)");
                }
            }
        }
        List<String> args = new ArrayList<>(List.of("--site", name, "--state", inventory.state().root().toString()));
        if (atOption.given()) {
            args.addAll(List.of("--at", atOption.seconds().toString()));
        }
        if (jsonOption.json()) {
            args.add("--json");
        }
        args.addAll(issueOptions);
        CommandLine line = new CommandLine(new IssueCommand());
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException("ISSUE-OPTION: " + e.getMessage(), e);
        }
        return line;
    }

    /**
     * The recovery, then the issue and deployment in the same run, the pre-hooks run once everything is
     * checked, just before the site is recreated: the issue's output follows the recovery's (with {@code --json},
     * one document holding both); when it fails, the site stays recreated and the failure names what continues
     * it. Returns the exit code.
     */
    private int recoverAndIssue(SiteRecoveryRun run, SiteRecovery.Request request, SiteRecoveryRun.Certify certify,
            HookRun hooked, KeyInventory inventory)
            throws InventoryException, PlanException, RefusedStepException, IOException {
        boolean[] hooksRan = {false};
        SiteRecoveryRun.Result result;
        try {
            result = run.run(request, certify, () -> {
                hooksRan[0] = true;
                hooked.gate().open(request.site()); // the pre-hooks, once every check passed, before the first change
            });
        } catch (SiteRecoveryRun.UnfinishedException e) {
            HookOptions.finish(hooked);
            return unfinished(e, request);
        } catch (IOException | RuntimeException e) {
            if (hooksRan[0]) {
                HookOptions.finish(hooked); // the post-hooks run whenever the pre-hooks ran
            }
            throw e;
        }
        int hooks = HookOptions.finish(hooked);
        int code = issued(result, request, certify.ca(), inventory);
        return code == ExitCode.OK ? hooks : code;
    }

    /** Prints a run that stopped once the site was recreated; returns the failure's exit code. */
    private int unfinished(SiteRecoveryRun.UnfinishedException e, SiteRecovery.Request request) {
        Failure failure = Failure.of(e, spec);
        System.err.println(failure.line());
        if (jsonOption.json()) {
            Json.print(RecoverDocument.of(e.recovered(), request.at()).withIssue(failure.toJson(), failure.remedy()));
        } else {
            print(request.site(), e.recovered(), request.at(), false);
        }
        return failure.exitCode();
    }

    /** Prints the recovery and the issue that followed it; returns the issue's exit code. */
    private int issued(SiteRecoveryRun.Result result, SiteRecovery.Request request, String ca,
            KeyInventory inventory) {
        String site = request.site();
        IssueRun.Result issue = IssueRun.Result.deployed(result.issued(), result.deployed());
        Supplier<SiteInventory> keys = () -> IssueCommand.load(inventory, site);
        String next = issue.ok() ? null : "site " + site + " is recreated and its certificate issued, but not"
                + " deployed: continue with " + Remedies.commandLine(Remedy.Operation.DEPLOY, site);
        int code;
        if (jsonOption.json()) { // the issue's document goes into this command's one document
            IssueReport.Document document = IssueReport.document(site, ca, issue, keys);
            code = issue.ok() ? ExitCode.OK : ExitCode.REJECTED;
            printNext(next);
            Json.print(RecoverDocument.of(result.recovered(), request.at()).withIssue(document, next));
        } else {
            print(site, result.recovered(), request.at(), false);
            code = IssueReport.print(site, ca, issue, false, keys);
            printNext(next);
        }
        return code;
    }

    private static void printNext(String next) {
        if (next != null) {
            System.err.println("pinkeeper site recover: " + next);
        }
    }

    private LiveResponse fetch() {
        SiteAddress address;
        try {
            address = SiteAddress.parse(cached.live);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pins-from-live: " + e.getMessage(), e);
        }
        LiveFetcher fetcher = new LiveFetcher();
        if (connectTo != null) {
            fetcher = fetcher.connectTo(connectTo);
        }
        try {
            return fetcher.fetch(address);
        } catch (FetchException e) {
            throw new UsageException("--pins-from-live: " + address.url() + ": " + e.getMessage(), e);
        }
    }

    private List<byte[]> encryptedBackups() {
        List<byte[]> encrypted = new ArrayList<>();
        for (Path file : backupFiles) {
            try {
                encrypted.add(OfflineBackup.fromFile(file));
            } catch (InventoryException e) {
                throw new UsageException("--backup: " + e.getMessage(), e);
            }
        }
        for (String text : qrTexts) {
            try (InputStream in = Inputs.open(text)) {
                encrypted.add(OfflineBackup.fromQrText(new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UsageException("--qr-text: " + text + ": " + Inputs.describe(e));
            } catch (InventoryException e) {
                throw new UsageException("--qr-text: " + text + ": " + e.getMessage(), e);
            }
        }
        return encrypted;
    }

    private static void print(String site, SiteRecovery.Recovered recovered, Instant at, boolean next) {
        String prefix = recovered.dryRun() ? "dry run: would recreate" : "recreated";
        System.out.println(prefix + " site " + site + " from " + (recovered.inventory().keys().size()
                - recovered.generated().size()) + " backup key(s); clients may cache the header recorded as served from "
                + recovered.cachedAt());
        KeyEntry promoted = recovered.promoted();
        System.out.println("current: " + promoted.id() + "  " + promoted.pin().base64() + " (a backup every cached header"
                + " pins)");
        for (KeyEntry key : recovered.generated()) {
            System.out.println("generated " + key.role().label() + ": " + key.id() + "  " + key.pin().base64());
        }
        for (SiteRecovery.CachedHeader noted : recovered.noted()) {
            System.out.println("cached until " + noted.cachedUntil(at) + ": " + noted.header()
                    .name() + ": " + noted.header().value() + (noted.lastServed() == null ? " (served now)"
                            : " (last served " + noted.lastServed() + ")"));
        }
        for (SiteRecovery.CachedHeader expired : recovered.expired()) {
            System.out.println("no longer cached: the header last served " + expired.lastServed() + " (max-age="
                    + expired.header().maxAge() + " ran out)");
        }
        for (Pin pin : recovered.dropped()) {
            System.out.println("dropped from the header: " + pin.base64() + " (a key not recovered)");
        }
        for (PkpHeader header : recovered.headers()) {
            System.out.println("to serve: " + header.name() + ": " + header.value());
        }
        System.out.println("the lockout simulator finds no returning client locked out by serving it");
        if (!recovered.dryRun()) {
            for (KeyEntry key : recovered.generated()) {
                if (key.role() == KeyRole.BACKUP) {
                    System.out.print(BackupWarnings.exportNow(site, key.id()));
                }
            }
            if (next) {
                System.out.println("Next: pinkeeper issue --site " + site + " (at the primary or the backup CA) issues"
                        + " for " + promoted.id() + " and deploys it.");
            }
        }
    }
}
