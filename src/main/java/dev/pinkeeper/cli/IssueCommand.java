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
import dev.pinkeeper.lifecycle.InvalidSettingException;
import dev.pinkeeper.lifecycle.KeySwitch;
import dev.pinkeeper.lifecycle.SiteDeployer;
import dev.pinkeeper.lifecycle.SiteIssuer;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.lifecycle.SiteSetting;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.KeyChange;
import dev.pinkeeper.plan.site.PlanException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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
                "Every option is checked (files, addresses, names, reaching the CA's directory) before anything"
                        + " is written: a bad one exits 2 and changes nothing. ACME options are saved in the site's"
                        + " folder (acme.json) once a certificate was issued with them, deployment options (deploy.json)"
                        + " once deployed (with --no-deploy: once issued); later runs, and pinkeeper renew, reuse them;"
                        + " --clear forgets one."})
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

    @Option(names = SettingOptions.CLEAR, paramLabel = "SETTING", completionCandidates = SettingOptions.IssueNames.class,
            description = "Forget a saved ACME or deployment setting (back to its default), named as its option"
                    + " without '--': ${COMPLETION-CANDIDATES}; repeatable.")
    List<String> clear;

    @Override
    public Integer call() {
        if (!ca.equals("primary") && !ca.equals("backup")) {
            throw new UsageException("--ca: primary or backup, not " + ca);
        }
        if (rollover && emergency != null) {
            throw new UsageException("--rollover and --emergency: give one of them");
        }
        if ((rollover || emergency != null) && !key.equals("current")) {
            throw new UsageException("--key: a rollover or an emergency issues for the key that becomes current");
        }
        KeyInventory inventory = stateOption.inventory();
        String name = deployOptions.existingSite(inventory);
        Instant time = deployOptions.time(inventory, name);
        Set<SiteSetting> cleared = SettingOptions.cleared(clear, true);
        SiteLayout paths = inventory.layout(name);
        SiteSettingsStore store = new SiteSettingsStore(paths);
        KeySwitch keySwitch = new KeySwitch(inventory);
        try {
            // every setting checked, the key change allowed and the CA reached before anything changes
            AcmeSettings given = givenAcme();
            SettingOptions.givenOrCleared(given, cleared);
            AcmeSettings saved = store.acme();
            AcmeSettings acme = acmeSettings(saved, given, cleared);
            boolean deploying = !noDeploy;
            DeploySettings deploy = deploying || deployOptions.anyGiven(cleared)
                    ? deployOptions.settings(store.deploy(), cleared) : null;
            List<KeyEntry> keys;
            if (rollover) {
                keys = keySwitch.checkRollover(name, time);
            } else if (emergency != null) {
                keys = List.of(keySwitch.checkEmergency(name, emergency, time));
            } else {
                SiteInventory live = inventory.load(name);
                keys = key.equals("current") ? live.current() : List.of(live.find(key));
            }
            boolean serving = rollover || emergency != null || keys.stream().allMatch(k -> k.role() == KeyRole.CURRENT);
            reach(acme, given, saved, paths);

            for (SiteIssuer.Issued issued : new SiteIssuer(inventory).issue(name, ca, keys, acme)) {
                System.out.println("issued: " + issued.key().role().label() + " key " + issued.key().id() + " by the "
                        + ca + " CA, valid until " + issued.certificate().leaf().getNotAfter().toInstant()
                        + " (" + issued.file() + ")");
            }
            store.saveAcme(acme); // the CA issued with these settings: kept for later runs
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
            if (!deploying || !serving) {
                if (!serving) {
                    System.out.println("not deployed: the key is not a current key");
                }
                if (deploy != null) {
                    store.saveDeploy(deploy);
                }
                return ExitCode.OK;
            }
            DeployResult result = new SiteDeployer(inventory).deployIssued(name, deploy, null, time);
            if (result.live()) {
                store.saveDeploy(deploy);
            }
            return deployOptions.report(result, false, inventory.load(name));
        } catch (RefusedStepException e) {
            System.out.println("refused: " + e.getMessage());
            if (e.allowedFrom() != null) {
                System.out.println("allowed from: " + e.allowedFrom());
            }
            return ExitCode.REJECTED;
        } catch (IssuanceException e) {
            System.err.println("pinkeeper issue: " + e.getMessage());
            return ExitCode.REJECTED;
        } catch (InvalidSettingException e) {
            throw SettingOptions.invalid(e, null, null);
        } catch (InventoryException | PlanException | IOException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** {@code saved} with {@code given} replacing it and {@code cleared} forgotten, every value checked. */
    private AcmeSettings acmeSettings(AcmeSettings saved, AcmeSettings given, Set<SiteSetting> cleared) {
        AcmeSettings acme = saved.merge(given).without(cleared);
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
    private void reach(AcmeSettings acme, AcmeSettings given, AcmeSettings saved, SiteLayout paths)
            throws IssuanceException {
        try {
            SiteIssuer.reach(acme, ca, paths);
        } catch (InvalidSettingException e) {
            boolean backup = ca.equals("backup");
            boolean givenHere = SettingOptions.isSet(given, backup ? SiteSetting.BACKUP_DIRECTORY : SiteSetting.DIRECTORY)
                    || SettingOptions.isSet(given, backup ? SiteSetting.BACKUP_ACME_TRUST : SiteSetting.ACME_TRUST);
            if (givenHere) {
                throw SettingOptions.invalid(e, given, saved);
            }
            throw new IssuanceException(e.problem(), e);
        }
    }

    /** The ACME settings given on this command line (null fields: not given). */
    private AcmeSettings givenAcme() {
        try {
            CaSettings primary = new CaSettings(directory, DeployOptions.string(acmeTrust), DeployOptions.string(roots));
            CaSettings backup = new CaSettings(backupDirectory, DeployOptions.string(backupAcmeTrust),
                    DeployOptions.string(backupRoots));
            return new AcmeSettings(primary, backup, challenge, DeployOptions.string(webroot), standaloneAddress,
                    standalonePort, DeployOptions.string(dnsHook), emails);
        } catch (InvalidSettingException e) {
            throw SettingOptions.invalid(e, null, null);
        }
    }
}
