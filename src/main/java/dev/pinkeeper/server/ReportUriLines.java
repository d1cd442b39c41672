package dev.pinkeeper.server;

import dev.pinkeeper.pin.HttpChars;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Whether every server pinkeeper deploys to can be made to send a pin header carrying a report-uri:
 * nginx has no escape for {@code $}, Apache none for <code>${</code>, so a plan's report-uri with one
 * of them would leave its site undeployable to that server.
 */
public final class ReportUriLines {
    private ReportUriLines() {
    }

    /** Why some server could not send a pin header with {@code uri} as its report-uri, or null when all can. */
    public static String problem(String uri) {
        List<BiFunction<String, String, String>> writers = List.of(Nginx::headerLine, Apache::headerLine,
                Haproxy::headerLine, Haproxy::mapEntry);
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
