package dev.pinkeeper.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One ACME CA a site uses.
 *
 * @param directory the directory URL or a name ({@code letsencrypt}, {@code letsencrypt-staging})
 * @param acmeTrust PEM file of the CA certificates to trust for the ACME server's own TLS (a test CA
 *                  such as pebble), or null for the JDK trust store
 * @param roots     PEM file of the roots the issued chains must validate to (PKIX check before a
 *                  deployment), or null for the JDK trust store
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaSettings(String directory, String acmeTrust, String roots) {
    /** This CA with the non-null fields of {@code override} replacing its own. */
    public CaSettings merge(CaSettings override) {
        if (override == null) {
            return this;
        }
        return new CaSettings(pick(override.directory, directory), pick(override.acmeTrust, acmeTrust),
                pick(override.roots, roots));
    }

    /** This CA with the chosen fields unset. */
    CaSettings without(boolean directory, boolean acmeTrust, boolean roots) {
        return new CaSettings(directory ? null : this.directory, acmeTrust ? null : this.acmeTrust,
                roots ? null : this.roots);
    }

    static <T> T pick(T override, T base) {
        return override != null ? override : base;
    }
}
