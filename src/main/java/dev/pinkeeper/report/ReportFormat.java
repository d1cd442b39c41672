package dev.pinkeeper.report;

/** Which client wrote a violation report. */
public enum ReportFormat {
    /** RFC 7469 §3, as Chromium sent it. */
    RFC7469("rfc7469"),
    /** TrustKit (iOS, macOS, Android): RFC 7469's fields plus app-bundle-id, app-version, validation-result. */
    TRUSTKIT("trustkit");

    private final String label;

    ReportFormat(String label) {
        this.label = label;
    }

    /** The name used in storage and JSON output. */
    public String label() {
        return label;
    }

    /** The format whose label is {@code label}. */
    public static ReportFormat ofLabel(String label) {
        for (ReportFormat f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format: " + label);
    }
}
