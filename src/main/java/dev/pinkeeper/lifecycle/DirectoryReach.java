package dev.pinkeeper.lifecycle;

import dev.pinkeeper.site.SiteLayout;
import java.util.Optional;

/**
 * Reading a CA's ACME directory before anything changes, and whose input it is when it cannot be read: a
 * directory (or its TLS trust) given now is the user's input to correct; one saved that cannot be read now
 * fails the run (the CA or the network, not the input).
 *
 * @param error    the directory setting and why it cannot be read
 * @param givenNow whether the directory or its TLS trust was given now rather than saved
 */
public record DirectoryReach(InvalidSettingException error, boolean givenNow) {
    /**
     * Reads the directory of {@code ca} ({@code primary} or {@code backup}) as {@code settings} describe it;
     * empty when it can be read. {@code given}: the settings given now (null: none).
     */
    public static Optional<DirectoryReach> check(AcmeSettings settings, String ca, SiteLayout paths, AcmeSettings given) {
        try {
            SiteIssuer.reach(settings, ca, paths);
            return Optional.empty();
        } catch (InvalidSettingException e) {
            boolean backup = "backup".equals(ca);
            boolean givenNow = SavedSettings.isSet(given, backup ? SiteSetting.BACKUP_DIRECTORY : SiteSetting.DIRECTORY)
                    || SavedSettings.isSet(given, backup ? SiteSetting.BACKUP_ACME_TRUST : SiteSetting.ACME_TRUST);
            return Optional.of(new DirectoryReach(e, givenNow));
        }
    }
}
