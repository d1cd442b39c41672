package dev.pinkeeper.pin;

import java.util.Base64;

/**
 * The base64 check every user agent applied to a {@code pin-sha256} value: standard alphabet,
 * padded to a multiple of four characters, at most two {@code '='} and only at the end — what
 * Chromium's {@code base::Base64Decode} (modp_b64 built with {@code DOPAD}) and Firefox's
 * {@code mozilla::Base64Decode} accept. Unused trailing bits are not checked, as neither did.
 */
final class PinBase64 {
    private PinBase64() {
    }

    /** The decoded bytes, or null when {@code text} is not padded standard base64. */
    static byte[] decode(String text) {
        int length = text.length();
        if (length == 0 || length % 4 != 0) {
            return null;
        }
        int pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
        for (int i = 0; i < length - pad; i++) {
            if (!isAlphabet(text.charAt(i))) {
                return null;
            }
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The pin {@code text} encodes, or null unless it is padded base64 of exactly 32 bytes. */
    static Pin pin(String text) {
        byte[] digest = decode(text);
        return digest == null || digest.length != Pin.LENGTH ? null : Pin.ofDigest(digest);
    }

    private static boolean isAlphabet(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
    }
}
