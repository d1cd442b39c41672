package dev.pinkeeper.pin;

/** Character classes of RFC 7230 §3.2.6 and short, one-line renderings of header text for errors. */
public final class HttpChars {
    private static final int SHOWN = 48;

    private HttpChars() {
    }

    /** tchar: {@code !#$%&'*+-.^_`|~}, digits and letters. */
    static boolean isTchar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** qdtext: HTAB, SP, %x21, %x23-5B, %x5D-7E, obs-text %x80-FF. */
    static boolean isQdtext(char c) {
        return c == '\t' || c == ' ' || c == 0x21 || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E
                || c >= 0x80 && c <= 0xFF;
    }

    /** What may follow a backslash in a quoted-pair: HTAB, SP, VCHAR, obs-text. */
    static boolean isQuotedPairChar(char c) {
        return c == '\t' || c >= 0x20 && c <= 0x7E || c >= 0x80 && c <= 0xFF;
    }

    /** A character for an error message: {@code 'x'} or {@code U+000A}. */
    public static String describe(char c) {
        return c >= 0x21 && c <= 0x7E ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    /** Header text for an error message: quoted, shortened, control characters escaped. */
    public static String show(String text) {
        StringBuilder shown = new StringBuilder("'");
        int end = Math.min(text.length(), SHOWN);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return shown.append(text.length() > SHOWN ? "…'" : "'").toString();
    }
}
