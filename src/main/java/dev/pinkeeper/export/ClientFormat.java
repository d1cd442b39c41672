package dev.pinkeeper.export;

import java.util.Locale;

/** A client that still enforces pins, as the pin set is exported for it. */
public enum ClientFormat {
    /** OkHttp's CertificatePinner, in Kotlin and in Java. */
    OKHTTP,
    /** Android's network_security_config.xml. */
    ANDROID,
    /** TrustKit, in Swift and as an Info.plist dictionary. */
    TRUSTKIT,
    /** curl's pinned public keys (leaf keys only). */
    CURL;

    /** The format's name in lower case ({@code okhttp}, {@code android}, {@code trustkit}, {@code curl}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
