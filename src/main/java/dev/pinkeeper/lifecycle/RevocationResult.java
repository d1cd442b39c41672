package dev.pinkeeper.lifecycle;

import java.util.List;

import dev.pinkeeper.keys.KeyEntry;
import dev.pinkeeper.plan.SimulationResult;
import dev.pinkeeper.plan.site.KeyChange;

/**
 * What {@link SiteRevocation#revoke} did for a compromised key.
 *
 * @param key          the key as the inventory records it now (compromised), or as it was in a dry run
 * @param replacement  the backup promoted in its place, or null when the key was not current
 * @param ca           the CA that certified the replacement ({@code primary} or {@code backup}), or null
 * @param change       the plan's emergency switch (null in a dry run, or when the key was not current)
 * @param generated    the key generated in the compromised key's place (a new backup or next key), or null
 * @param deployment   the deployment that serves the new header (and the replacement), or null in a dry run
 * @param certificates every certificate of the key pinkeeper knows of, and what the CA answered
 * @param simulation   the lockout simulator over the whole served history after the change (null in a dry run)
 * @param dryRun       true when nothing was changed, sent or deployed
 */
public record RevocationResult(KeyEntry key, KeyEntry replacement, String ca, KeyChange change, KeyEntry generated,
        DeployResult deployment, List<RevokedCertificate> certificates, SimulationResult simulation, boolean dryRun) {
    public RevocationResult {
        certificates = List.copyOf(certificates);
    }

    /** Whether everything is done: every certificate settled, the deployment live and nobody locked out. */
    public boolean complete() {
        return !dryRun && certificates.stream().allMatch(RevokedCertificate::settled)
                && (deployment == null || deployment.live()) && (simulation == null || simulation.lockoutFree());
    }
}
