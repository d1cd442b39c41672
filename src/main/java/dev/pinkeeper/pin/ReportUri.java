package dev.pinkeeper.pin;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Checks a report-uri before it goes into a header: the RFC 7469 grammar wants a URI-reference,
 * Chrome dropped the whole header unless it was an absolute URL (with a host for http and https), and
 * every server a site may be deployed to must be able to send it ({@link #serverProblem}).
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

    /**
     * Why a server could not be made to send a pin header with {@code uri} as its report-uri (nginx has no
     * escape for {@code $}, Apache none for <code>${</code>: see {@link HeaderConfigLines}), or null when
     * nginx, Apache and HAProxy all can: a plan's report-uri must not leave its site undeployable to any of them.
     */
    public static String serverProblem(String uri) {
        List<BiFunction<String, String, String>> writers = List.of(HeaderConfigLines::nginx, HeaderConfigLines::apache,
                HeaderConfigLines::haproxy, HeaderConfigLines::haproxyMapEntry);
        for (BiFunction<String, String, String> writer : writers) {
            try {
                writer.apply("Public-Key-Pins", uri); // the report-uri goes into the value as it is
            } catch (IllegalArgumentException e) {
                return "report-uri " + HttpChars.show(uri) + " cannot be written for every server (" + e.getMessage()
                        + "); percent-encode the character (a '$' is %24)";
            }
        }
        return null;
    }
}
