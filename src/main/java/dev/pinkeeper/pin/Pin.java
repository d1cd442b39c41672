package dev.pinkeeper.pin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * An RFC 7469 SPKI fingerprint: the SHA-256 digest of a DER-encoded SubjectPublicKeyInfo.
 *
 * <p>Written as {@code base64(sha256(spki))}, the same value that browsers, curl
 * ({@code --pinnedpubkey sha256//…}), OkHttp ({@code sha256/…}), Android and TrustKit use.
 * Instances are immutable values.
 */
public final class Pin implements Comparable<Pin> {
    /** Length in bytes of a SHA-256 pin. */
    public static final int LENGTH = 32;

    private final byte[] digest;
    private final String base64;

    private Pin(byte[] digest) {
        this.digest = digest;
        this.base64 = Base64.getEncoder().encodeToString(digest);
    }

    /** The pin of a DER-encoded SubjectPublicKeyInfo. */
    public static Pin ofSpki(byte[] spkiDer) {
        return ofSpki(spkiDer, 0, spkiDer.length);
    }

    /** The pin of the DER SubjectPublicKeyInfo at {@code der[offset, offset+length)}. */
    public static Pin ofSpki(byte[] der, int offset, int length) {
        MessageDigest sha256 = sha256();
        sha256.update(der, offset, length);
        return new Pin(sha256.digest());
    }

    /** A pin from its 32 digest bytes. */
    public static Pin ofDigest(byte[] digest) {
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 pin has 32 bytes, not " + digest.length);
        }
        return new Pin(digest.clone());
    }

    /**
     * Parses a pin written as base64, optionally prefixed by {@code sha256/}, {@code sha256//}
     * or {@code pin-sha256=} with or without quotes.
     *
     * @throws IllegalArgumentException if it is not base64 of exactly 32 bytes
     */
    public static Pin parse(String text) {
        String value = text.strip();
        if (value.startsWith("pin-sha256=")) {
            value = value.substring("pin-sha256=".length());
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
        } else if (value.startsWith("sha256//")) {
            value = value.substring("sha256//".length());
        } else if (value.startsWith("sha256/")) {
            value = value.substring("sha256/".length());
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 pin: " + text);
        }
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException(
                    "not a SHA-256 pin (decodes to " + digest.length + " bytes, not 32): " + text);
        }
        return new Pin(digest);
    }

    /** The pin as standard base64 (44 characters). */
    public String base64() {
        return base64;
    }

    /** The 32 digest bytes (a copy). */
    public byte[] digest() {
        return digest.clone();
    }

    /** The header form: {@code pin-sha256="<base64>"}. */
    public String headerDirective() {
        return "pin-sha256=\"" + base64 + "\"";
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public int compareTo(Pin other) {
        return base64.compareTo(other.base64);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pin other && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return base64;
    }
}
