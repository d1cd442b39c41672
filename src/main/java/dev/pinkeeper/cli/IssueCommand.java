package dev.pinkeeper.cli;

import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.lifecycle.DeployResult;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.lifecycle.KeySwitch;
import dev.pinkeeper.lifecycle.SiteDeployer;
import dev.pinkeeper.lifecycle.SiteIssuer;
import dev.pinkeeper.lifecycle.SitePaths;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.PlanException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper issue}: certificates for the plan's keys from the site's ACME CA, then deploy. */
@Command(name = "issue", mixinStandardHelpOptions = true,
        header = "Get certificates for the plan's current keys from the site's ACME CA, then deploy them.",
        description = {"Get certificates from the site's ACME CA for the plan's current key(s) (the CSR is always"
                + " signed by the inventory's key; an RSA and an EC key get one certificate each), then deploy"
                + " them (see pinkeeper deploy).",
                "ACME and deployment options are saved in the site's folder (acme.json, deploy.json) the first"
                        + " time they are given; later runs, and pinkeeper renew, reuse them."})
final class IssueCommand implements Callable<Integer> {
    @Mixin
    StateOption stateOption;

    @Mixin
    DeployOptions deployOptions;

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

    @Override
    public Integer call() {
        if (!ca.equals("primary") && !ca.equals("backup")) {
            throw new UsageException("--ca: primary or backup, not " + ca);
        }
        KeyInventory inventory = stateOption.inventory();
        String name = deployOptions.existingSite(inventory);
        Instant time = deployOptions.time();
        try {
            SiteSettingsStore store = new SiteSettingsStore(SitePaths.of(inventory, name));
            AcmeSettings acme = store.updateAcme(givenAcme());
            acme.ca(ca);
            DeploySettings deploy = store.updateDeploy(deployOptions.given());
            KeySwitch keySwitch = new KeySwitch(inventory);
            if (rollover) {
                for (KeyEntry promoted : keySwitch.rollover(name, time)) {
                    System.out.println("rollover: " + promoted.id() + " is the current key now");
                }
            }
            if (emergency != null) {
                KeyChange change = keySwitch.emergency(name, emergency, time);
                System.out.println("emergency: backup " + change.promoted().id() + " is the current key now");
                System.out.print(BackupWarnings.exportNow(name, change.generated().id()));
            }
            SiteInventory live = inventory.load(name);
            List<KeyEntry> keys = key.equals("current") ? live.current() : List.of(live.find(key));
            boolean serving = keys.stream().allMatch(k -> k.role() == KeyRole.CURRENT);
            for (SiteIssuer.Issued issued : new SiteIssuer(inventory).issue(name, ca, keys)) {
                System.out.println("issued: " + issued.key().role().label() + " key " + issued.key().id() + " by the "
                        + ca + " CA, valid until " + issued.certificate().leaf().getNotAfter().toInstant()
                        + " (" + issued.file() + ")");
            }
            if (noDeploy || !serving) {
                if (!serving) {
                    System.out.println("not deployed: the key is not a current key");
                }
                return ExitCode.OK;
            }
            DeployResult result = new SiteDeployer(inventory).deployIssued(name, deploy, null, time);
            return deployOptions.report(result, false, inventory.load(name));
        } catch (RefusedStepException e) {
            System.out.println("refused: " + e.getMessage());
            return ExitCode.REJECTED;
        } catch (IssuanceException e) {
            System.err.println("pinkeeper issue: " + e.getMessage());
            return ExitCode.REJECTED;
        } catch (InventoryException | PlanException | IOException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private AcmeSettings givenAcme() {
        try {
            CaSettings primary = new CaSettings(directory, DeployOptions.string(acmeTrust), DeployOptions.string(roots));
            CaSettings backup = new CaSettings(backupDirectory, DeployOptions.string(backupAcmeTrust),
                    DeployOptions.string(backupRoots));
            return new AcmeSettings(primary, backup, challenge, DeployOptions.string(webroot), standaloneAddress,
                    standalonePort, DeployOptions.string(dnsHook), emails);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
