package dev.pinkeeper.lifecycle;

/** A site's settings of one file ({@code acme.json}: {@link AcmeSettings}, {@code deploy.json}: {@link DeploySettings}). */
public sealed interface SavedSettings permits AcmeSettings, DeploySettings {
    /** Whether these settings have a value for {@code setting} (one of another file's never has). */
    boolean isSet(SiteSetting setting);

    /** Whether {@code settings} (null: none) have a value for {@code setting}. */
    static boolean isSet(SavedSettings settings, SiteSetting setting) {
        return settings != null && settings.isSet(setting);
    }
}
