package dev.pinkeeper.lifecycle;

import dev.pinkeeper.acme.AccountBinding;
import dev.pinkeeper.site.SiteLayout;
import java.nio.file.Path;

/**
 * The External Account Binding given for one CA of a site (a key id, an HMAC key file), judged against what
 * the site kept: nothing given is no binding (the kept one serves); a key id alone reuses the HMAC key kept
 * for that CA; an HMAC key file alone binds the key id the site's settings hold. For the primary CA, the
 * settings file's binding is the lowest default: below what is given now and what the site kept.
 *
 * <pre>{@code
 * GivenBinding given = GivenBinding.of("backup", acme, paths, keyId, hmacKeyFile);
 * if (given.fault() != null) ... // name the part to give (given.fault()), or what is wrong with the file
 * }</pre>
 *
 * @param binding          the binding, or null (none given, or a {@link #fault})
 * @param fault            which part is missing or unusable, or null
 * @param problem          with {@link Fault#HMAC_KEY_UNUSABLE}: why the file cannot be used (never quoting it)
 * @param fromSettingsFile whether the parts judged are the settings file's defaults, not those given now
 */
public record GivenBinding(AccountBinding binding, Fault fault, String problem, boolean fromSettingsFile) {
    /** What keeps the parts given from making a binding. */
    public enum Fault {
        /** An HMAC key was given, but no key id: none given and none kept. */
        KEY_ID_MISSING,
        /** A key id was given, but no HMAC key: none given and none kept for the CA. */
        HMAC_KEY_MISSING,
        /** The HMAC key file given cannot be read or is no usable key. */
        HMAC_KEY_UNUSABLE
    }

    /**
     * The binding {@code keyId} and {@code hmacKeyFile} (null: not given) give for {@code ca} ({@code primary}
     * or {@code backup}), the site's {@code acme} settings and kept HMAC key filling a missing part.
     *
     * @throws InvalidSettingException when the kept HMAC key cannot be read or used
     */
    public static GivenBinding of(String ca, AcmeSettings acme, SiteLayout paths, String keyId, Path hmacKeyFile) {
        return judge(ca, acme, paths, keyId, hmacKeyFile, false);
    }

    /**
     * The primary CA's binding: the one given now ({@code keyId}, {@code hmacKeyFile}) when any part is, else
     * the settings file's ({@code defaultKeyId}, {@code defaultHmacKeyFile}) unless the site keeps a key id.
     *
     * @throws InvalidSettingException when the kept HMAC key cannot be read or used
     */
    public static GivenBinding primary(AcmeSettings acme, SiteLayout paths, String keyId, Path hmacKeyFile,
            String defaultKeyId, Path defaultHmacKeyFile) {
        boolean kept = acme.primary() != null && acme.primary().eabKeyId() != null;
        boolean fromFile = keyId == null && hmacKeyFile == null && !kept && defaultKeyId != null;
        return fromFile ? judge("primary", acme, paths, defaultKeyId, defaultHmacKeyFile, true)
                : judge("primary", acme, paths, keyId, hmacKeyFile, false);
    }

    private static GivenBinding judge(String ca, AcmeSettings acme, SiteLayout paths, String keyId, Path hmacKeyFile,
            boolean fromFile) {
        if (keyId == null && hmacKeyFile == null) {
            return new GivenBinding(null, null, null, fromFile);
        }
        CaSettings chosen = "backup".equals(ca) ? acme.backup() : acme.primary();
        String id = keyId != null ? keyId : chosen == null ? null : chosen.eabKeyId();
        if (id == null) {
            return new GivenBinding(null, Fault.KEY_ID_MISSING, null, fromFile);
        }
        if (hmacKeyFile == null) {
            AccountBinding kept = AccountBindings.saved(paths, ca, id);
            return new GivenBinding(kept, kept == null ? Fault.HMAC_KEY_MISSING : null, null, fromFile);
        }
        try {
            return new GivenBinding(AccountBindings.read(id, hmacKeyFile), null, null, fromFile);
        } catch (IllegalArgumentException e) {
            return new GivenBinding(null, Fault.HMAC_KEY_UNUSABLE, e.getMessage(), fromFile);
        }
    }
}
