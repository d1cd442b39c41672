package dev.pinkeeper.acme;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/** ACME directory URLs by name: {@code letsencrypt}, {@code letsencrypt-staging}, or any https URL. */
public final class AcmeDirectories {
    /** Let's Encrypt production. */
    public static final URI LETSENCRYPT = URI.create("https://acme-v02.api.letsencrypt.org/directory");
    /** Let's Encrypt staging (untrusted certificates, generous rate limits). */
    public static final URI LETSENCRYPT_STAGING = URI.create("https://acme-staging-v02.api.letsencrypt.org/directory");

    private static final Map<String, URI> BY_NAME = Map.of(
            "letsencrypt", LETSENCRYPT,
            "letsencrypt-staging", LETSENCRYPT_STAGING);

    private AcmeDirectories() {
    }

    /**
     * The directory URL for a name or URL.
     *
     * @throws IllegalArgumentException if it is neither a known name nor an absolute http(s) URL
     */
    public static URI resolve(String nameOrUrl) {
        URI known = BY_NAME.get(nameOrUrl.strip().toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        URI uri;
        try {
            uri = URI.create(nameOrUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an ACME directory name or URL: " + nameOrUrl);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an ACME directory name (letsencrypt, letsencrypt-staging)"
                    + " or https URL: " + nameOrUrl);
        }
        return uri;
    }
}
