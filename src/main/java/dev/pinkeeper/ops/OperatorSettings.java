package dev.pinkeeper.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.pinkeeper.lifecycle.AcmeSettings;
import dev.pinkeeper.lifecycle.CaSettings;
import dev.pinkeeper.lifecycle.DeploySettings;

/**
 * The defaults an operator sets for every run on a machine ({@link SettingsFile}): a command-line option always
 * wins over them, and a site's saved setting (its {@code acme.json}, {@code deploy.json}) too. Every field may be
 * null: not set.
 *
 * @param source          the file they were read from, or null for none
 * @param state           the state folder
 * @param directory       the primary CA's ACME directory URL (or {@code letsencrypt}, {@code letsencrypt-staging})
 * @param eabKid          the external account binding key id
 * @param eabHmacKeyFile  the file holding the EAB HMAC key (never the key itself)
 * @param roots           the PEM file of the roots the primary CA's chains validate to
 * @param target          the server to deploy to ({@code nginx}, {@code haproxy}, {@code apache}, {@code none})
 * @param notifyCommand   the notify command
 * @param notifyAfter     how long a due rollover may wait before it is notified
 * @param preHook         the pre-hook command
 * @param deployHook      the deploy-hook command
 * @param postHook        the post-hook command
 * @param hooksDirectory  the folder with the {@code pre/}, {@code deploy/} and {@code post/} hook folders
 */
public record OperatorSettings(Path source, Path state, String directory, String eabKid, Path eabHmacKeyFile,
        Path roots, String target, String notifyCommand, Duration notifyAfter, String preHook, String deployHook,
        String postHook, Path hooksDirectory) {
    /** No settings file. */
    public static final OperatorSettings NONE = new OperatorSettings(null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    /** The ACME defaults of these settings (the primary CA's directory and roots), below a site's saved ones. */
    public AcmeSettings acmeDefaults() {
        if (directory == null && roots == null) {
            return AcmeSettings.empty();
        }
        return new AcmeSettings(new CaSettings(directory, null, roots == null ? null : roots.toString()), null, null,
                null, null, null, null, List.of());
    }

    /** The deployment defaults of these settings (the target), below a site's saved ones. */
    public DeploySettings deployDefaults() {
        return target == null ? DeploySettings.empty() : new DeploySettings(target, null, List.of(), null, null, null,
                null, null, null, null, null, null, List.of());
    }
}
