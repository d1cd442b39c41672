package dev.pinkeeper.report;

import java.util.List;

/**
 * One pin violation report as a client sent it (RFC 7469 §3.1, or TrustKit's variant). Every
 * field is untrusted text: escape it before showing it anywhere.
 *
 * @param format                  which client format it follows
 * @param dateTime                {@code date-time} as sent (RFC 3339), or null
 * @param hostname                {@code hostname}: the host the client connected to
 * @param port                    {@code port}, or null
 * @param effectiveExpirationDate {@code effective-expiration-date}, or null
 * @param includeSubdomains       {@code include-subdomains}, or null
 * @param notedHostname           {@code noted-hostname}: the host that set the pins, or null
 * @param servedChain             {@code served-certificate-chain}: PEM certificates, leaf first
 * @param validatedChain          {@code validated-certificate-chain}: PEM certificates, leaf to root
 * @param knownPins               {@code known-pins}: the pins the client held, e.g. {@code pin-sha256="…"}
 * @param app                     TrustKit's app fields, or null for browser reports
 */
public record ViolationReport(ReportFormat format, String dateTime, String hostname, Integer port,
        String effectiveExpirationDate, Boolean includeSubdomains, String notedHostname,
        List<String> servedChain, List<String> validatedChain, List<String> knownPins, AppInfo app) {

    public ViolationReport {
        servedChain = List.copyOf(servedChain);
        validatedChain = List.copyOf(validatedChain);
        knownPins = List.copyOf(knownPins);
    }

    /**
     * TrustKit's fields that RFC 7469 lacks.
     *
     * @param bundleId         {@code app-bundle-id}
     * @param version          {@code app-version}, or null
     * @param platform         {@code app-platform} (IOS, ANDROID, …), or null
     * @param vendorId         {@code app-vendor-id}, or null
     * @param validationResult {@code validation-result} (TrustKit's TSKTrustEvaluationResult number), or null
     */
    public record AppInfo(String bundleId, String version, String platform, String vendorId,
            Integer validationResult) {
    }
}
