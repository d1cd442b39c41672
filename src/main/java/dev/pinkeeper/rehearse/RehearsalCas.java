package dev.pinkeeper.rehearse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.pinkeeper.acme.AccountBinding;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.lifecycle.AccountBindings;
import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.lifecycle.SiteSettingsStore;
import dev.pinkeeper.site.SiteLayout;

/**
 * The rehearsal's two local pebble CAs — the primary, and the backup that requires an External Account
 * Binding, as ZeroSSL, Google Trust Services and SSL.com do — their roots, and the site's ACME settings
 * that name them. Closing it stops both.
 */
final class RehearsalCas implements AutoCloseable {
    /** The key id of the backup CA's External Account Binding. */
    private static final String BACKUP_EAB_KEY_ID = "rehearsal-backup";

    private final LocalPebble primary;
    private final LocalPebble backup;
    /** Its HMAC key: new for every rehearsal, as a CA hands out. */
    private final String backupMacKey;
    private Path primaryRoot;
    private Path backupRoot;
    private Path roots;

    private RehearsalCas(LocalPebble primary, LocalPebble backup, String backupMacKey) {
        this.primary = primary;
        this.backup = backup;
        this.backupMacKey = backupMacKey;
    }

    /** Starts both CAs, each in its folder under {@code dir}. */
    static RehearsalCas start(Path dir) throws IOException {
        String macKey = newMacKey();
        LocalPebble primary = startPebble(dir.resolve("ca-primary"), Map.of());
        try {
            return new RehearsalCas(primary, startPebble(dir.resolve("ca-backup"), Map.of(BACKUP_EAB_KEY_ID, macKey)), macKey);
        } catch (IOException | RuntimeException e) {
            primary.close();
            throw e;
        }
    }

    /** Writes each CA's root, and both in one file (what curl trusts), into {@code dir}. */
    void writeRoots(Path dir) throws IOException {
        roots = dir.resolve("roots.pem");
        Files.writeString(roots, primary.rootPem() + backup.rootPem());
        primaryRoot = primary.writeRoot(dir.resolve("root-primary.pem"));
        backupRoot = backup.writeRoot(dir.resolve("root-backup.pem"));
    }

    /** One line: where both CAs answer. */
    String describe() {
        return "primary " + primary.directoryUrl() + ", backup " + backup.directoryUrl();
    }

    /** Both roots in one file. */
    Path roots() {
        return roots;
    }

    /** The backup CA's root. */
    Path backupRoot() {
        return backupRoot;
    }

    /** ACME settings naming both CAs, http-01 answered in {@code webroot}. */
    AcmeSettings acme(Path webroot) {
        return new AcmeSettings(
                new CaSettings(primary.directoryUrl().toString(), primary.tlsCaFile().toString(), primaryRoot.toString()),
                new CaSettings(backup.directoryUrl().toString(), backup.tlsCaFile().toString(), backupRoot.toString(),
                        BACKUP_EAB_KEY_ID, null),
                "http-01", webroot.toString(), null, null, null, List.of());
    }

    /** The External Account Binding the backup CA handed out. */
    AccountBinding backupBinding() {
        return AccountBinding.of(BACKUP_EAB_KEY_ID, backupMacKey);
    }

    /**
     * Gives the site ACME settings for both CAs (its binding at the backup CA included) and a deploy target
     * that only writes releases; returns its settings.
     */
    SiteSettingsStore configure(KeyInventory inventory, String site, Path webroot, String reportUri) throws IOException {
        SiteLayout paths = inventory.layout(site);
        SiteSettingsStore settings = new SiteSettingsStore(paths);
        settings.updateAcme(acme(webroot));
        AccountBindings.save(paths, "backup", backupBinding());
        settings.updateDeploy(new DeploySettings("none", null, List.of(), null, null, null, null, null, null, null, reportUri,
                null, List.of()));
        return settings;
    }

    @Override
    public void close() {
        try {
            backup.close();
        } finally {
            primary.close();
        }
    }

    private static String newMacKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** A local pebble; with {@code eabKeys} it requires an External Account Binding, as most public CAs do. */
    private static LocalPebble startPebble(Path folder, Map<String, String> eabKeys) throws IOException {
        try {
            return LocalPebble.start(folder, null, FreePorts.next(), eabKeys, null);
        } catch (RuntimeException e) {
            throw new IOException("cannot start a local pebble CA: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
