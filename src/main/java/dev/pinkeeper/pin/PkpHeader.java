package dev.pinkeeper.pin;

import java.util.List;
import java.util.Objects;

/**
 * One Public-Key-Pins (or Public-Key-Pins-Report-Only) header, RFC 7469 §2.1, as a value.
 *
 * @param reportOnly        true for {@code Public-Key-Pins-Report-Only}
 * @param maxAge            the max-age directive in seconds, or null when absent (report-only only)
 * @param includeSubDomains whether the includeSubDomains directive is present
 * @param reportUri         the report-uri directive, or null
 * @param pins              the pin-sha256 directives in order, without duplicates
 */
public record PkpHeader(boolean reportOnly, Long maxAge, boolean includeSubDomains, String reportUri, List<Pin> pins) {
    /** The enforcing header's name. */
    public static final String NAME = "Public-Key-Pins";
    /** The report-only header's name. */
    public static final String REPORT_ONLY_NAME = "Public-Key-Pins-Report-Only";

    public PkpHeader {
        pins = List.copyOf(pins);
        if (maxAge != null && maxAge < 0) {
            throw new IllegalArgumentException("max-age cannot be negative");
        }
        if (maxAge == null && !reportOnly) {
            throw new IllegalArgumentException("Public-Key-Pins needs a max-age");
        }
        if (pins.size() != pins.stream().distinct().count()) {
            throw new IllegalArgumentException("duplicate pins");
        }
    }

    /** The header field name: {@link #NAME} or {@link #REPORT_ONLY_NAME}. */
    public String name() {
        return reportOnly ? REPORT_ONLY_NAME : NAME;
    }

    /**
     * The header field value in canonical form: pins first, then max-age, includeSubDomains and
     * report-uri, separated by {@code "; "}.
     */
    public String value() {
        StringBuilder value = new StringBuilder();
        for (Pin pin : pins) {
            append(value, pin.headerDirective());
        }
        if (maxAge != null) {
            append(value, "max-age=" + maxAge);
        }
        if (includeSubDomains) {
            append(value, "includeSubDomains");
        }
        if (reportUri != null) {
            append(value, "report-uri=\"" + reportUri.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return value.toString();
    }

    private static void append(StringBuilder value, String directive) {
        if (value.length() > 0) {
            value.append("; ");
        }
        value.append(directive);
    }

    /** Whether {@code pin} is in this header's pin set. */
    public boolean pins(Pin pin) {
        return pins.contains(Objects.requireNonNull(pin));
    }

    @Override
    public String toString() {
        return name() + ": " + value();
    }
}
