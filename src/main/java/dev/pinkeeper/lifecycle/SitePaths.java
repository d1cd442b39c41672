package dev.pinkeeper.lifecycle;

import dev.pinkeeper.keys.KeyInventory;
import java.nio.file.Path;

/**
 * Where a site's lifecycle files live inside its folder of the state directory (see the package
 * description for the layout).
 *
 * @param site      the site's name
 * @param directory the site's folder
 */
public record SitePaths(String site, Path directory) {
    /** The paths of {@code site} in {@code inventory}'s state directory. */
    public static SitePaths of(KeyInventory inventory, String site) {
        return new SitePaths(site, inventory.siteDirectory(site));
    }

    /** {@code acme.json}. */
    public Path acmeSettings() {
        return directory.resolve(AcmeSettings.FILE);
    }

    /** {@code deploy.json}. */
    public Path deploySettings() {
        return directory.resolve(DeploySettings.FILE);
    }

    /** The latest chain issued for a key. */
    public Path certificate(String keyId) {
        return directory.resolve("certs").resolve(keyId + ".pem");
    }

    /** The ACME account folder for a CA ({@code primary} or {@code backup}). */
    public Path account(String ca) {
        return directory.resolve("accounts").resolve(ca);
    }

    /** The release store's folder ({@code releases/}, {@code live}). */
    public Path releases() {
        return directory.resolve("deploy");
    }
}
