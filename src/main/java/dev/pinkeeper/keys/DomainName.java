package dev.pinkeeper.keys;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks the DNS names a site's certificates cover (lower-cased; a leading {@code *.} wildcard allowed). */
public final class DomainName {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private DomainName() {
    }

    /**
     * The name in lower case.
     *
     * @throws IllegalArgumentException if it is not a DNS name (or {@code *.} followed by one)
     */
    public static String normalize(String name) {
        String value = name.strip().toLowerCase(Locale.ROOT);
        String rest = value.startsWith("*.") ? value.substring(2) : value;
        if (rest.endsWith(".")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty() || rest.length() > 253) {
            throw new IllegalArgumentException("not a domain name: '" + name + "'");
        }
        for (String label : rest.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("not a domain name: '" + name + "'");
            }
        }
        return value.startsWith("*.") ? "*." + rest : rest;
    }
}
