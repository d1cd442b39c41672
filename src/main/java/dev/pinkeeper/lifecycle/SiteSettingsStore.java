package dev.pinkeeper.lifecycle;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.site.SiteLayout;
import dev.pinkeeper.site.SiteLock;
import java.io.IOException;
import java.time.Duration;

/**
 * Loads and saves a site's {@link AcmeSettings} and {@link DeploySettings}: every change is read, merged and
 * written under the site's lock ({@link SiteLock}).
 */
public final class SiteSettingsStore {
    private final SiteLayout paths;
    private final Duration lockPatience;

    public SiteSettingsStore(SiteLayout paths) {
        this(paths, SiteLock.DEFAULT_PATIENCE);
    }

    /** @param lockPatience how long a change waits for another process's lock on the site */
    public SiteSettingsStore(SiteLayout paths, Duration lockPatience) {
        this.paths = paths;
        this.lockPatience = lockPatience;
    }

    /** The saved ACME settings (empty ones when none were saved). */
    public AcmeSettings acme() throws IOException {
        return SettingsFiles.read(paths.acmeSettings(), AcmeSettings.class, AcmeSettings.empty());
    }

    /** The saved deployment settings (empty ones when none were saved). */
    public DeploySettings deploy() throws IOException {
        return SettingsFiles.read(paths.deploySettings(), DeploySettings.class, DeploySettings.empty());
    }

    /** Merges {@code given} into the saved ACME settings, saves the result when it differs, returns it. */
    public AcmeSettings updateAcme(AcmeSettings given) throws IOException {
        try (SiteLock lock = lock()) {
            AcmeSettings merged = acme().merge(given);
            saveAcme(merged);
            return merged;
        }
    }

    /** Saves {@code settings} as the site's ACME settings when they differ from the saved ones. */
    public void saveAcme(AcmeSettings settings) throws IOException {
        try (SiteLock lock = lock()) {
            if (!settings.equals(acme())) {
                SettingsFiles.write(paths.acmeSettings(), settings);
            }
        }
    }

    /** Merges {@code given} into the saved deployment settings, saves the result when it differs, returns it. */
    public DeploySettings updateDeploy(DeploySettings given) throws IOException {
        try (SiteLock lock = lock()) {
            DeploySettings merged = deploy().merge(given);
            saveDeploy(merged);
            return merged;
        }
    }

    /** Saves {@code settings} as the site's deployment settings when they differ from the saved ones. */
    public void saveDeploy(DeploySettings settings) throws IOException {
        try (SiteLock lock = lock()) {
            if (!settings.equals(deploy())) {
                SettingsFiles.write(paths.deploySettings(), settings);
            }
        }
    }

    private SiteLock lock() throws IOException {
        SafeFiles.privateDirectory(paths.directory());
        return SiteLock.acquire(paths, lockPatience);
    }
}
