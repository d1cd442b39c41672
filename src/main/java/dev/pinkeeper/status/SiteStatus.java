package dev.pinkeeper.status;

import java.time.Instant;
import java.util.List;

import dev.pinkeeper.lifecycle.LastRenewal;

/**
 * One site at one instant ({@link StatusReader#read}).
 *
 * @param site         the site's name
 * @param domains      its host names, apex first
 * @param at           the instant looked at
 * @param keys         every key of the site (retired ones too)
 * @param plan         its plan, or null when it has none
 * @param certificates the latest certificate issued for each current key
 * @param deployment   the live release and whether the server serves it, or null before the first deployment
 * @param lastRenewal  what the last {@code renew} run did for the site, or null when none ran
 * @param warnings     what the operator should know, those that need them first
 */
public record SiteStatus(String site, List<String> domains, Instant at, List<KeyStatus> keys, PlanStatus plan,
                         List<CertificateStatus> certificates, DeploymentStatus deployment, LastRenewal lastRenewal,
                         List<StatusWarning> warnings) {
    public SiteStatus {
        domains = List.copyOf(domains);
        keys = List.copyOf(keys);
        certificates = List.copyOf(certificates);
        warnings = List.copyOf(warnings);
    }

    /** Whether a warning needs the operator (a backup still online, a failed renewal, a server that does not follow, …). */
    public boolean needsOperator() {
        return warnings.stream().anyMatch(StatusWarning::needsOperator);
    }
}
