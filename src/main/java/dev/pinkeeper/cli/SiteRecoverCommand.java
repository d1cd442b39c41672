package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.SiteOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.InventoryJson;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.backup.EncryptedKeyCodec;
import dev.pinkeeper.keys.backup.OfflineBackup;
import dev.pinkeeper.keys.backup.WrongPassphraseException;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import dev.pinkeeper.site.archive.SiteRecovery;
import dev.pinkeeper.verify.FetchException;
import dev.pinkeeper.verify.LiveFetcher;
import dev.pinkeeper.verify.LiveResponse;
import dev.pinkeeper.verify.SiteAddress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper site recover}: a lost site recreated from its offline backup keys alone. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        header = "Recreate a lost site from its offline backup keys and the header clients still cache.",
        description = {"Recreate a site whose state directory is lost, from nothing but its offline backup keys (their"
                + " .key.pem files or the texts scanned from their sheets) and the Public-Key-Pins header clients may"
                + " cache: learnt from the site, which still serves it, or given by hand.",
                "The first backup that header pins becomes the current key; a next key and, if fewer than two"
                        + " backups are left, new backups are generated; the plan records the cached header as served"
                        + " for its whole max-age. The lockout simulator checks the step first: when no backup is"
                        + " pinned, or a returning client would be locked out, exit 1 and nothing is written.",
                "Then: pinkeeper issue --site NAME (at either CA) issues for the promoted key and deploys it."})
final class SiteRecoverCommand implements Callable<Integer> {
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

    @Override
    public Integer call() {
        String name = siteOption.name();
        if (backupFiles.isEmpty() && qrTexts.isEmpty()) {
            throw new UsageException("--backup or --qr-text: give at least one backup key");
        }
        if (cached.live == null && connectTo != null) {
            throw new UsageException("--connect-to: only with --pins-from-live");
        }
        if (cached.header == null && reportOnly) {
            throw new UsageException("--report-only: only with --cached-header");
        }
        KeyInventory inventory = stateOption.inventory();
        Instant time = atOption.seconds();
        List<byte[]> encrypted = encryptedBackups();
        Pin servedLeaf = null;
        PkpHeader header;
        try {
            if (cached.live != null) {
                LiveResponse response = fetch();
                header = SiteRecovery.cachedHeader(response);
                servedLeaf = response.servedChain().isEmpty() ? null
                        : Pin.ofSpki(response.servedChain().get(0).getPublicKey().getEncoded());
            } else {
                header = SiteRecovery.parse(cached.header, reportOnly, "--cached-header");
            }
        } catch (InventoryException e) {
            throw new UsageException(e.getMessage(), e);
        }
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
        SiteRecovery.Recovered recovered;
        try {
            recovered = new SiteRecovery(inventory).recover(new SiteRecovery.Request(name, domains, keys, header,
                    servedLeaf, time, simulatedClock), dryRunOption.given());
        } catch (RefusedStepException e) {
            if (jsonOption.json()) {
                ObjectNode root = InventoryJson.mapper().createObjectNode();
                root.put("status", "refused");
                root.put("message", e.getMessage());
                KeysCommand.printJson(root);
            } else {
                System.out.println(e.getMessage());
            }
            return ExitCode.REJECTED;
        } catch (InventoryException | PlanException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (jsonOption.json()) {
            KeysCommand.printJson(json(recovered));
        } else {
            print(name, recovered);
        }
        return ExitCode.OK;
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

    private static void print(String site, SiteRecovery.Recovered recovered) {
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
            System.out.println("Next: pinkeeper issue --site " + site + " (at the primary or the backup CA) issues"
                    + " for " + promoted.id() + " and deploys it.");
        }
    }

    private static ObjectNode json(SiteRecovery.Recovered recovered) {
        ObjectNode root = InventoryJson.mapper().createObjectNode();
        root.put("status", recovered.dryRun() ? "dry-run" : "recovered");
        root.put("site", recovered.inventory().site());
        root.set("promoted", InventoryJson.toJson(recovered.promoted()));
        ArrayNode generated = root.putArray("generated");
        recovered.generated().forEach(k -> generated.add(InventoryJson.toJson(k)));
        ArrayNode dropped = root.putArray("dropped");
        recovered.dropped().forEach(p -> dropped.add(p.base64()));
        root.put("cachedFrom", recovered.cachedAt().toString());
        ArrayNode headers = root.putArray("headers");
        recovered.headers().forEach(h -> headers.addObject().put("name", h.name()).put("value", h.value()));
        root.put("planVersion", recovered.plan() == null ? null : recovered.plan().version());
        return root;
    }
}
