package dev.pinkeeper.acme;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An External Account Binding (RFC 8555 §7.3.4): the key id and the HMAC key a CA such as ZeroSSL,
 * Google Trust Services or SSL.com hands out, binding a new ACME account to the customer's account
 * there. The HMAC key is a secret: {@link #toString()} never shows it.
 *
 * @param keyId  the key identifier ({@code kid}) the CA gave
 * @param macKey the HMAC key's bytes (the CA gives them base64url-encoded)
 */
public record AccountBinding(String keyId, byte[] macKey) {
    /** The shortest HMAC key accepted (HS256 wants at least 256 bits; CAs hand out 256 bits or more). */
    public static final int MIN_KEY_BYTES = 16;

    public AccountBinding {
        Objects.requireNonNull(keyId, "keyId");
        if (keyId.isBlank() || keyId.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new IllegalArgumentException("the key id must be one word of printable characters");
        }
        if (macKey == null || macKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the HMAC key is shorter than " + MIN_KEY_BYTES + " bytes");
        }
        macKey = macKey.clone();
    }

    /**
     * The binding for {@code keyId} and the HMAC key as the CA writes it: base64url (RFC 4648 §5, padding
     * optional; standard base64 is accepted too), surrounding white space ignored.
     *
     * @throws IllegalArgumentException when the key id or the key cannot be used (the message never quotes the key)
     */
    public static AccountBinding of(String keyId, String encodedMacKey) {
        String text = encodedMacKey.strip().replace('+', '-').replace('/', '_');
        while (text.endsWith("=")) {
            text = text.substring(0, text.length() - 1);
        }
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the HMAC key is not base64url text");
        }
        return new AccountBinding(keyId, key);
    }

    /** The HMAC key as base64url without padding (how it is kept). */
    public String encodedMacKey() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(macKey);
    }

    @Override
    public byte[] macKey() {
        return macKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountBinding that && keyId.equals(that.keyId) && Arrays.equals(macKey, that.macKey);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(macKey);
    }

    @Override
    public String toString() {
        return "AccountBinding[keyId=" + keyId + ", macKey=(hidden)]";
    }
}
