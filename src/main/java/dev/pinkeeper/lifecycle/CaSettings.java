package dev.pinkeeper.lifecycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One ACME CA a site uses.
 *
 * @param directory the directory URL or a name ({@code letsencrypt}, {@code zerossl}, …; see
 *                  {@link dev.pinkeeper.acme.AcmeDirectories})
 * @param acmeTrust PEM file of the CA certificates to trust for the ACME server's own TLS (a test CA
 *                  such as pebble), or null for the JDK trust store
 * @param roots     PEM file of the roots the issued chains must validate to (PKIX check before a
 *                  deployment), or null for the JDK trust store
 * @param eabKeyId  the key id of the External Account Binding the account was created with, or null; its
 *                  HMAC key is kept apart, 0600, in the CA's account folder ({@link AccountBindings})
 * @param profile   the certificate profile ordered (one the CA's directory offers), or null for the CA's default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaSettings(String directory, String acmeTrust, String roots, String eabKeyId, String profile) {
    @JsonCreator
    public CaSettings {
    }

    /** A CA without binding or profile. */
    public CaSettings(String directory, String acmeTrust, String roots) {
        this(directory, acmeTrust, roots, null, null);
    }

    /** This CA with the non-null fields of {@code override} replacing its own. */
    public CaSettings merge(CaSettings override) {
        if (override == null) {
            return this;
        }
        return new CaSettings(pick(override.directory, directory), pick(override.acmeTrust, acmeTrust),
                pick(override.roots, roots), pick(override.eabKeyId, eabKeyId), pick(override.profile, profile));
    }

    /** This CA with the chosen fields unset. */
    CaSettings without(boolean directory, boolean acmeTrust, boolean roots, boolean eabKeyId, boolean profile) {
        return new CaSettings(directory ? null : this.directory, acmeTrust ? null : this.acmeTrust,
                roots ? null : this.roots, eabKeyId ? null : this.eabKeyId, profile ? null : this.profile);
    }

    static <T> T pick(T override, T base) {
        return override != null ? override : base;
    }
}
