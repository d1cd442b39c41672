package dev.pinkeeper.pin;

/** Whose rules a Public-Key-Pins header is parsed and a chain checked by. */
public enum UserAgent {
    /** RFC 7469 as written (§2.1 grammar, §2.5 noting, §2.6 validation). */
    RFC("rfc"),
    /** Chromium's net/http/http_security_headers.cc and TransportSecurityState. */
    CHROME("chrome"),
    /** Firefox's nsSiteSecurityService. */
    FIREFOX("firefox");

    private final String label;

    UserAgent(String label) {
        this.label = label;
    }

    /** The name used by {@code --ua}. */
    public String label() {
        return label;
    }
}
