package dev.pinkeeper.pin;

/** Whose rules a Public-Key-Pins header is parsed and a chain checked by. */
public enum UserAgent {
    /**
     * RFC 7469 as written (§2.1 grammar, §2.5 noting, §2.6 validation). The RFC sets no cap; a
     * max-age too large to represent counts as 2^31 seconds, as RFC 7234 §1.2.1 allows.
     */
    RFC("rfc", 2_147_483_648L),
    /** Chromium's net/http/http_security_headers.cc and TransportSecurityState (kMaxHPKPAgeSecs). */
    CHROME("chrome", UserAgent.SIXTY_DAYS),
    /** Firefox's nsSiteSecurityService (pref security.cert_pinning.max_max_age_seconds). */
    FIREFOX("firefox", UserAgent.SIXTY_DAYS);

    /** 60 days in seconds: the max-age cap of Chrome and Firefox, and RFC 7469 §4.1's suggestion. */
    public static final long SIXTY_DAYS = 5_184_000L;

    private final String label;
    private final long maxAgeCap;

    UserAgent(String label, long maxAgeCap) {
        this.label = label;
        this.maxAgeCap = maxAgeCap;
    }

    /** The name used by {@code --ua}. */
    public String label() {
        return label;
    }

    /** The largest max-age, in seconds, this UA honours; larger values are cut to it. */
    public long maxAgeCap() {
        return maxAgeCap;
    }

    /** The user agent named {@code label} ({@code rfc}, {@code chrome}, {@code firefox}), any case. */
    public static UserAgent ofLabel(String label) {
        for (UserAgent ua : values()) {
            if (ua.label.equalsIgnoreCase(label)) {
                return ua;
            }
        }
        throw new IllegalArgumentException("unknown user agent '" + label + "' (expected rfc, chrome or firefox)");
    }
}
