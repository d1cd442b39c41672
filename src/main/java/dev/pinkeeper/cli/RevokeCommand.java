package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.SiteOption;
import dev.pinkeeper.cli.options.JsonOption;
import dev.pinkeeper.acme.IssuanceException;
import dev.pinkeeper.keys.InventoryException;
import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.lifecycle.InvalidSettingException;
import dev.pinkeeper.lifecycle.RevocationResult;
import dev.pinkeeper.lifecycle.RevokedCertificate;
import dev.pinkeeper.lifecycle.SiteRevocation;
import dev.pinkeeper.plan.RefusedStepException;
import dev.pinkeeper.plan.site.PlanException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pinkeeper revoke}: the answer to a compromised key. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        header = "Revoke every certificate of a compromised key, replace it if current, and never use it again.",
        description = {"Revoke every certificate of the key that the site keeps (its latest issued chain and every"
                + " release) at the site's ACME CA, reason keyCompromise, and mark the key compromised: retired, its pin"
                + " out of the header at once, refused by every later promotion, restore, issue or deploy.",
                "A current key is replaced in the same run: a backup key that every header still cached pins is"
                        + " certified (by the backup CA when the site has one), made current and deployed before the"
                        + " old certificates are revoked; refused (exit 1, nothing changed) when no backup is safe."
                        + " A compromised backup or next key is replaced by a new key of its role. The lockout simulator"
                        + " then checks the whole served history. Running it again retries what the CA did not revoke.",
                "Exit 0 when every certificate is revoked (or expired), the deployment is live and nobody is locked"
                        + " out; 1 otherwise."})
final class RevokeCommand implements Callable<Integer> {
    @Mixin
    StateOption stateOption;

    @Mixin
    SiteOption siteOption;

    @Option(names = "--key", required = true, paramLabel = "KEY",
            description = "The compromised key: id, pin, current, next or backup-N.")
    String key;

    @Option(names = "--backup", paramLabel = "KEY",
            description = "When the key is current: the backup to promote (default: the first one the gate allows,"
                    + " same algorithm family first).")
    String backup;

    @Mixin
    AtOption atOption;

    @Mixin
    DryRunOption dryRunOption;

    @Mixin
    JsonOption jsonOption;

    @Override
    public Integer call() {
        KeyInventory inventory = stateOption.inventory();
        String name = StateOption.existingSite(inventory, siteOption.name());
        Instant time = atOption.change(inventory, name, false).truncatedTo(ChronoUnit.SECONDS);
        RevocationResult result;
        try {
            result = new SiteRevocation(inventory).revoke(name, key, backup, time, dryRunOption.given());
        } catch (RefusedStepException e) {
            return refused(e.getMessage());
        } catch (IssuanceException e) {
            return refused("the replacement's certificate: " + e.getMessage());
        } catch (InventoryException | PlanException | IOException | InvalidSettingException e) {
            throw new UsageException(e.getMessage(), e);
        }
        int code = result.dryRun() || result.complete() ? ExitCode.OK : ExitCode.REJECTED;
        if (jsonOption.json()) {
            Json.print(RevokeDocument.of(result));
        } else {
            print(name, result, System.out);
        }
        return code;
    }

    private int refused(String message) {
        if (jsonOption.json()) {
            Json.print(RefusedDocument.of(message));
        } else {
            System.out.println("refused: " + message);
        }
        return ExitCode.REJECTED;
    }

    private static void print(String site, RevocationResult result, PrintStream out) {
        String prefix = result.dryRun() ? "dry run: would " : "";
        KeyEntry key = result.key();
        if (result.replacement() != null) {
            out.println(prefix + (result.dryRun() ? "promote" : "promoted") + " backup " + result.replacement().id()
                    + " in place of current key " + key.id() + ", certified by the " + result.ca() + " CA");
        }
        if (result.generated() != null) {
            out.println("generated " + result.generated().role().label() + " key " + result.generated().id()
                    + " in its place (pin " + result.generated().pin().base64() + ")");
        }
        if (result.deployment() != null) {
            out.println("deploy " + result.deployment().status().name().toLowerCase(Locale.ROOT) + ": "
                    + result.deployment().message());
        }
        if (result.certificates().isEmpty()) {
            out.println("no certificate of key " + key.id() + " is kept for site " + site);
        }
        for (RevokedCertificate certificate : result.certificates()) {
            out.println("certificate " + certificate.serial() + " (until " + certificate.notAfter() + "): "
                    + certificate.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (certificate.ca() == null ? "" : " by the " + certificate.ca() + " CA")
                    + (certificate.message().isEmpty() ? "" : ": " + certificate.message()));
        }
        if (!result.dryRun()) {
            out.println("key " + key.id() + " (pin " + key.pin().base64() + ") is marked compromised: never used again");
        }
        if (result.simulation() != null) {
            out.println(result.simulation().lockoutFree()
                    ? "lockout simulator: no visitor locked out (" + result.simulation().headersChecked() + " headers checked)"
                    : "lockout simulator: " + result.simulation().lockouts().get(0).describe());
        }
        if (result.generated() != null && result.generated().role() == dev.pinkeeper.keys.KeyRole.BACKUP) {
            out.print(BackupWarnings.exportNow(site, result.generated().id()));
        }
    }
}
