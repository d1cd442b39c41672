package dev.pinkeeper.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.pinkeeper.pin.Pin;

/**
 * A report as the collector keeps it: one flat row, given its unique id at receipt (the key that
 * makes storing it idempotent), with the analysis done on arrival and the body as received.
 *
 * @param id            unique id given at receipt
 * @param receivedAt    when the collector received it
 * @param format        the report format
 * @param hostname      the reported host
 * @param port          the reported port, or null
 * @param notedHostname the host that set the pins, or null
 * @param site          the plan site it concerns, or null
 * @param reportClass   its class
 * @param reason        why it has that class
 * @param headerVersion the header version the client held, or null
 * @param leafSubject   the checked chain's leaf subject, or null
 * @param leafIssuer    the checked chain's leaf issuer, or null
 * @param rootSubject   the validated chain's root subject, or null
 * @param chainPins     the checked chain's pins, leaf first, comma-separated
 * @param knownPins     the pins the client held, comma-separated
 * @param appBundleId   TrustKit's app-bundle-id, or null
 * @param body          the report's JSON as received
 */
public record ReceivedReport(UUID id, Instant receivedAt, ReportFormat format, String hostname, Integer port,
        String notedHostname, String site, ReportClass reportClass, String reason, String headerVersion,
        String leafSubject, String leafIssuer, String rootSubject, String chainPins, String knownPins,
        String appBundleId, String body) {

    /** The row for a report just received and analysed. */
    public static ReceivedReport of(UUID id, Instant receivedAt, ViolationReport report, Analysis analysis, String body) {
        ChainEntry leaf = analysis.leaf();
        ChainEntry root = analysis.root();
        return new ReceivedReport(id, receivedAt, report.format(), report.hostname(), report.port(),
                report.notedHostname(), analysis.site(), analysis.reportClass(), analysis.reason(),
                analysis.headerVersion(), leaf == null ? null : leaf.subject(), leaf == null ? null : leaf.issuer(),
                root == null ? null : root.subject(),
                analysis.checkedChain().stream().map(c -> c.pin().base64()).collect(Collectors.joining(",")),
                joined(analysis.knownPins()), report.app() == null ? null : report.app().bundleId(), body);
    }

    /**
     * This report as noise that any database can store: the same id, time, format and body, and
     * only {@code reason}; its other text fields, one of which the database refused, are dropped.
     */
    public ReceivedReport unstorable(String reason) {
        return new ReceivedReport(id, receivedAt, format, "(unstorable)", null, null, null, ReportClass.NOISE, reason,
                null, null, null, null, "", "", null, body);
    }

    private static String joined(List<Pin> pins) {
        return pins.stream().map(Pin::base64).collect(Collectors.joining(","));
    }
}
