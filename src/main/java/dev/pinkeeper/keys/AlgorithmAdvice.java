package dev.pinkeeper.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * The risks of a choice of key algorithms, said before the keys are made: a key no ACME CA certifies, and
 * backups of a single key family (a CA or a client dropping it would leave no usable spare). Advice only:
 * the keys are made anyway.
 */
public final class AlgorithmAdvice {
    private AlgorithmAdvice() {
    }

    /** The warnings about a new site's current and backup key algorithms, one line each. */
    public static List<String> forNewSite(List<KeyAlgorithm> current, List<KeyAlgorithm> backups) {
        List<String> warnings = new ArrayList<>();
        current.forEach(algorithm -> notIssuable(algorithm, "current", warnings));
        backups.forEach(algorithm -> notIssuable(algorithm, "backup", warnings));
        if (backups.stream().map(KeyAlgorithm::family).distinct().count() < 2) {
            warnings.add("all backup keys are of one family; one RSA and one EC backup survive a CA or client"
                    + " dropping either");
        }
        return warnings;
    }

    /** The warnings about another current key and its next key, one line each. */
    public static List<String> forAddedKey(KeyAlgorithm current, KeyAlgorithm next) {
        List<String> warnings = new ArrayList<>();
        notIssuable(current, "current", warnings);
        notIssuable(next, "next", warnings);
        return warnings;
    }

    private static void notIssuable(KeyAlgorithm algorithm, String role, List<String> warnings) {
        if (!algorithm.acmeIssuable()) {
            warnings.add(role + " key " + algorithm.label() + ": ACME CAs issue certificates for RSA and EC keys only");
        }
    }
}
