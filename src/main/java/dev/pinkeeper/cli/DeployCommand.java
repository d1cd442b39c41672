package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.deploy.CertifiedKey;
import dev.pinkeeper.deploy.CertifiedKeyFiles;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.lifecycle.DeployResult;
import dev.pinkeeper.lifecycle.SiteSetting;
import dev.pinkeeper.lifecycle.InvalidSettingException;
import dev.pinkeeper.lifecycle.SiteDeployer;
import dev.pinkeeper.plan.site.PlanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper deploy}: a new release of the site's certificates and pin headers, switched safely. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        header = "Deploy the site's latest certificates and pin headers as a new release, only when no client can be locked out.",
        description = {"Deploy the site's latest certificates as a new release with its header snippets (pins per"
                + " the plan, HSTS by default): refused (exit 1) unless every new key is pinned by every header"
                + " still cached by any client and the chain validates; then the server's config test, the"
                + " atomic switch of 'live', a reload only if the content changed, roll-back on failure.",
                "With --certbot-hook (certbot --deploy-hook): deploys $RENEWED_LINEAGE's certificate, refused"
                        + " unless certbot's key is one the site pins (make the CSR with 'pinkeeper keys csr').",
                "Every option is checked (files, addresses, names, the server's program and config file) before"
                        + " anything is written or the server touched: a bad one exits 2 and changes nothing."})
final class DeployCommand implements Callable<Integer> {
    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    StateOption stateOption;

    @Mixin
    DeployOptions deployOptions;

    @Option(names = "--certbot-hook",
            description = "Deploy the certificate certbot just renewed ($RENEWED_LINEAGE/fullchain.pem, privkey.pem).")
    boolean certbotHook;

    @Option(names = "--fullchain", paramLabel = "FILE",
            description = "Deploy this chain (leaf first) from another ACME client (lego, acme.sh); needs --privkey.")
    Path fullchain;

    @Option(names = "--privkey", paramLabel = "FILE", description = "The private key of --fullchain.")
    Path privkey;

    @Mixin
    JsonOption jsonOption;

    @Option(names = SettingOptions.CLEAR, paramLabel = "SETTING", completionCandidates = SettingOptions.DeployNames.class,
            description = "Forget a saved deployment setting (back to its default), named as its option without"
                    + " '--': ${COMPLETION-CANDIDATES}; repeatable.")
    List<String> clear;

    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        KeyInventory inventory = stateOption.inventory();
        String name = deployOptions.existingSite(inventory);
        Instant time = deployOptions.time(inventory, name);
        try {
            Set<SiteSetting> cleared = SettingOptions.cleared(clear, false);
            List<CertifiedKey> external = externalCertificate();
            // the settings given are kept for later runs only once they deployed
            DeployResult result = new SiteDeployer(inventory, LogLines.stderr()).deployKeeping(name,
                    saved -> deployOptions.settings(saved, cleared), external, time);
            return deployOptions.report(result, jsonOption.json(), inventory.load(name));
        } catch (InventoryException e) {
            throw KeysCommand.failure(e);
        } catch (InvalidSettingException e) {
            throw SettingOptions.invalid(e, null, null);
        } catch (PlanException | IOException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private List<CertifiedKey> externalCertificate() throws IOException {
        if (certbotHook) {
            String lineage = environment.get("RENEWED_LINEAGE");
            if (lineage == null || lineage.isBlank()) {
                throw new UsageException("--certbot-hook: RENEWED_LINEAGE is not set (run me as certbot --deploy-hook)");
            }
            return List.of(CertifiedKeyFiles.readCertbotLineage(Path.of(lineage)));
        }
        if (fullchain != null || privkey != null) {
            if (fullchain == null || privkey == null) {
                throw new UsageException("--fullchain and --privkey go together");
            }
            readableFile("--fullchain", fullchain);
            readableFile("--privkey", privkey);
            try {
                return List.of(CertifiedKeyFiles.read(fullchain, privkey));
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("--fullchain/--privkey: " + e.getMessage(), e);
            }
        }
        return null;
    }

    private static void readableFile(String option, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException(option + ": " + file + (Files.isDirectory(file) ? " is a folder, not a file"
                    : Files.exists(file) ? " cannot be read" : " does not exist"));
        }
    }
}
