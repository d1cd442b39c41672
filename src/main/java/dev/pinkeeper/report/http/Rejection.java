package dev.pinkeeper.report.http;

/** Why a report request was refused, with the status it gets. */
public enum Rejection {
    MALFORMED("malformed", 400),
    TOO_LARGE("too-large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
    RATE_LIMITED("rate-limited", 429),
    SLOW_CLIENT("slow-client", 408),
    METHOD_NOT_ALLOWED("method-not-allowed", 405),
    UNAVAILABLE("unavailable", 503);

    private final String label;
    private final int status;

    Rejection(String label, int status) {
        this.label = label;
        this.status = status;
    }

    /** The metric tag. */
    public String label() {
        return label;
    }

    /** The HTTP status answered. */
    public int status() {
        return status;
    }
}
