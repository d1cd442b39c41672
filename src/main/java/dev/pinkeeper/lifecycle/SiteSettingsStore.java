package dev.pinkeeper.lifecycle;

import java.io.IOException;
import dev.pinkeeper.site.SiteLayout;

/** Loads and saves a site's {@link AcmeSettings} and {@link DeploySettings}. */
public final class SiteSettingsStore {
    private final SiteLayout paths;

    public SiteSettingsStore(SiteLayout paths) {
        this.paths = paths;
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
        AcmeSettings saved = acme();
        AcmeSettings merged = saved.merge(given);
        if (!merged.equals(saved)) {
            SettingsFiles.write(paths.acmeSettings(), merged);
        }
        return merged;
    }

    /** Saves {@code settings} as the site's ACME settings when they differ from the saved ones. */
    public void saveAcme(AcmeSettings settings) throws IOException {
        if (!settings.equals(acme())) {
            SettingsFiles.write(paths.acmeSettings(), settings);
        }
    }

    /** Merges {@code given} into the saved deployment settings, saves the result when it differs, returns it. */
    public DeploySettings updateDeploy(DeploySettings given) throws IOException {
        DeploySettings merged = deploy().merge(given);
        saveDeploy(merged);
        return merged;
    }

    /** Saves {@code settings} as the site's deployment settings when they differ from the saved ones. */
    public void saveDeploy(DeploySettings settings) throws IOException {
        if (!settings.equals(deploy())) {
            SettingsFiles.write(paths.deploySettings(), settings);
        }
    }
}
