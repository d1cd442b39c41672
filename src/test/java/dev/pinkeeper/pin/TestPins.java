package dev.pinkeeper.pin;

import java.util.Arrays;
import java.util.Base64;

/** Fixed pins for tests, built from known digest bytes (not by the code under test). */
public final class TestPins {
    public static final Pin A = pin(1);
    public static final Pin B = pin(2);
    static final Pin C = pin(3);

    private TestPins() {
    }

    static Pin pin(int fill) {
        return Pin.ofDigest(digest(fill));
    }

    /** Standard padded base64 of the pin's digest, computed with java.util.Base64. */
    static String b64(Pin pin) {
        return Base64.getEncoder().encodeToString(pin.digest());
    }

    /** Standard padded base64 of a digest of 32 {@code fill} bytes, computed with java.util.Base64. */
    public static String b64(int fill) {
        return Base64.getEncoder().encodeToString(digest(fill));
    }

    private static byte[] digest(int fill) {
        byte[] digest = new byte[32];
        Arrays.fill(digest, (byte) fill);
        return digest;
    }
}
