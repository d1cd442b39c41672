package dev.pinkeeper.pin;

/**
 * Directive names compared as the browsers compared them: ignoring ASCII case only. (Java's
 * {@code equalsIgnoreCase} would also match e.g. U+017F LATIN SMALL LETTER LONG S with 's'.)
 */
final class AsciiCase {
    private AsciiCase() {
    }

    /** Whether {@code name} equals {@code expected} ignoring ASCII case. */
    static boolean equal(String name, String expected) {
        if (name.length() != expected.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (lower(name.charAt(i)) != lower(expected.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} starts with {@code prefix} ignoring ASCII case. */
    static boolean startsWith(String name, String prefix) {
        return name.length() >= prefix.length() && equal(name.substring(0, prefix.length()), prefix);
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
