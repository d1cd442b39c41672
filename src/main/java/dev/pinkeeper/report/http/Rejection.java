package dev.pinkeeper.report.http;

/**
 * Why a request to the report address was refused, with the status it gets: the label of
 * {@code pinkeeper_reports_rejected_total}. The first ones are the collector's own refusals; the
 * last ones are Jetty's, for requests it cannot even parse ({@link CollectorErrorHandler}).
 */
public enum Rejection {
    MALFORMED("malformed", 400),
    TOO_LARGE("too-large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
    RATE_LIMITED("rate-limited", 429),
    SLOW_CLIENT("slow-client", 408),
    METHOD_NOT_ALLOWED("method-not-allowed", 405),
    UNAVAILABLE("unavailable", 503),
    /** Jetty: a malformed request line or header. */
    MALFORMED_HTTP("malformed-http", 400),
    /** Jetty: a request target longer than the header buffer. */
    URI_TOO_LONG("uri-too-long", 414),
    /** Jetty: request headers larger than the header buffer. */
    HEADERS_TOO_LARGE("headers-too-large", 431),
    /** Jetty: any other refusal (an unsupported HTTP version, …). */
    OTHER_HTTP_ERROR("other-http-error", 0);

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

    /** The HTTP status answered (0: whatever Jetty chose). */
    public int status() {
        return status;
    }

    /** The reason for a status Jetty answered by itself, before the collector saw the request. */
    static Rejection ofStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_HTTP;
            case 405 -> METHOD_NOT_ALLOWED;
            case 408 -> SLOW_CLIENT;
            case 413 -> TOO_LARGE;
            case 503 -> UNAVAILABLE;
            case 414 -> URI_TOO_LONG;
            case 431 -> HEADERS_TOO_LARGE;
            default -> OTHER_HTTP_ERROR;
        };
    }
}
