package dev.pinkeeper.pin;

/**
 * Checks a report-uri before it goes into a header: the RFC 7469 grammar wants a URI-reference,
 * Chrome dropped the whole header unless it was an absolute URL (with a host for http and https), and
 * every server a site may be deployed to must be able to send it (checked by the server package).
 */
public final class ReportUri {
    private ReportUri() {
    }

    /** Why no user agent would take {@code uri} as a report-uri, or null when they all would. */
    public static String problem(String uri) {
        String notUri = RfcHeaderRules.uriReferenceProblem(uri);
        if (notUri != null) {
            return "report-uri " + HttpChars.show(uri) + " is not a URI (RFC 3986): " + notUri;
        }
        if (!ChromeHeaderRules.isValidUrl(uri)) {
            return "report-uri " + HttpChars.show(uri) + " is not an absolute URL such as https://reports.example.com/pkp"
                    + " (Chrome ignores a header with it)";
        }
        return null;
    }
}
