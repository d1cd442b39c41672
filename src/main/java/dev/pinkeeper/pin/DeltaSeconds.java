package dev.pinkeeper.pin;

/** Reads a max-age value: ASCII digits only, saturating at {@link Long#MAX_VALUE} on overflow. */
final class DeltaSeconds {
    private DeltaSeconds() {
    }

    /** The number {@code text} writes, saturated at Long.MAX_VALUE, or null unless it is 1*DIGIT. */
    static Long parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            int digit = c - '0';
            value = value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
        }
        return value;
    }
}
