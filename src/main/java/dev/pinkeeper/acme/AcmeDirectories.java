package dev.pinkeeper.acme;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ACME directory URLs by name, or any http(s) URL. The named CAs (URLs as acme4j 4.0's own providers
 * know them): {@code letsencrypt}, {@code letsencrypt-staging}, {@code zerossl}, {@code google},
 * {@code google-staging}, {@code sslcom} (ECDSA), {@code sslcom-rsa}. ZeroSSL, Google Trust Services and
 * SSL.com require an External Account Binding ({@link AccountBinding}) to create an account
 * ({@link #requiresBinding}; SSL.com's directory does not say so).
 */
public final class AcmeDirectories {
    /** Let's Encrypt production. */
    public static final URI LETSENCRYPT = URI.create("https://acme-v02.api.letsencrypt.org/directory");
    /** Let's Encrypt staging (untrusted certificates, generous rate limits). */
    public static final URI LETSENCRYPT_STAGING = URI.create("https://acme-staging-v02.api.letsencrypt.org/directory");
    /** ZeroSSL (EAB required). */
    public static final URI ZEROSSL = URI.create("https://acme.zerossl.com/v2/DV90");
    /** Google Trust Services production (EAB required). */
    public static final URI GOOGLE = URI.create("https://dv.acme-v02.api.pki.goog/directory");
    /** Google Trust Services staging (EAB required; its own EAB keys). */
    public static final URI GOOGLE_STAGING = URI.create("https://dv.acme-v02.test-api.pki.goog/directory");
    /** SSL.com, ECDSA certificates (EAB required). */
    public static final URI SSLCOM = URI.create("https://acme.ssl.com/sslcom-dv-ecc");
    /** SSL.com, RSA certificates (EAB required). */
    public static final URI SSLCOM_RSA = URI.create("https://acme.ssl.com/sslcom-dv-rsa");

    private static final Map<String, URI> BY_NAME = new LinkedHashMap<>();
    private static final Set<URI> BINDING_REQUIRED = Set.of(ZEROSSL, GOOGLE, GOOGLE_STAGING, SSLCOM, SSLCOM_RSA);

    static {
        BY_NAME.put("letsencrypt", LETSENCRYPT);
        BY_NAME.put("letsencrypt-staging", LETSENCRYPT_STAGING);
        BY_NAME.put("zerossl", ZEROSSL);
        BY_NAME.put("google", GOOGLE);
        BY_NAME.put("google-staging", GOOGLE_STAGING);
        BY_NAME.put("sslcom", SSLCOM);
        BY_NAME.put("sslcom-rsa", SSLCOM_RSA);
    }

    private AcmeDirectories() {
    }

    /** The known names, in a stable order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
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
            throw new IllegalArgumentException("not an ACME directory name (" + String.join(", ", names())
                    + ") or https URL: " + nameOrUrl);
        }
        return uri;
    }

    /**
     * Whether the CA at {@code directory} is known to require an External Account Binding even where its
     * directory does not say so ({@code meta.externalAccountRequired}).
     */
    public static boolean requiresBinding(URI directory) {
        return BINDING_REQUIRED.contains(directory);
    }
}
