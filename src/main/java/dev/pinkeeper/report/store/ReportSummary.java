package dev.pinkeeper.report.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard and {@code pinkeeper reports} show.
 *
 * @param total          how many reports match
 * @param byClass        count per class label, every class present
 * @param timeline       counts per hour, site and class, oldest first
 * @param topChains      the most reported chains
 * @param topIssuers     the most reported leaf issuers
 * @param headerVersions which header versions clients hold, per site
 * @param recent         the latest reports, newest first
 */
public record ReportSummary(long total, Map<String, Long> byClass, List<Bucket> timeline, List<ChainCount> topChains,
        List<IssuerCount> topIssuers, List<VersionCount> headerVersions, List<Recent> recent) {

    /** Reports received in one hour for one site (or host without a plan) and class. */
    public record Bucket(Instant hour, String site, String reportClass, long count) {
    }

    /** One chain (by its pins) and how often it was reported. */
    public record ChainCount(String chainPins, String leafSubject, String leafIssuer, long count) {
    }

    /** One leaf issuer and how often it was reported. */
    public record IssuerCount(String issuer, long count) {
    }

    /** One header version held by clients of one site and how often. */
    public record VersionCount(String site, String headerVersion, long count) {
    }

    /** One recent report, untrusted fields included. */
    public record Recent(String id, Instant receivedAt, String format, String hostname, String site,
            String reportClass, String reason, String headerVersion, String leafSubject, String leafIssuer,
            String knownPins, String appBundleId) {
    }
}
