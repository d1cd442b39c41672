package dev.pinkeeper.deploy;

import java.util.Objects;

/**
 * One HTTP response header the web server must send, such as {@code Public-Key-Pins} or
 * {@code Strict-Transport-Security}.
 *
 * @param name  a header field name (RFC 9110 token)
 * @param value the field value: printable characters only (no control characters, no line breaks)
 */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("not an HTTP header name: " + name);
        }
        if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f))) {
            throw new IllegalArgumentException("header " + name + " has a control character in its value");
        }
    }
}
