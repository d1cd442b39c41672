package dev.pinkeeper.cli;

import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.keys.KeyAlgorithm;

/** Parses key algorithm options and warns about risky choices. */
final class KeysAlgorithms {
    private KeysAlgorithms() {
    }

    static List<KeyAlgorithm> parse(String option, List<String> values) {
        List<KeyAlgorithm> algorithms = new ArrayList<>();
        for (String value : values) {
            try {
                algorithms.add(KeyAlgorithm.parse(value));
            } catch (IllegalArgumentException e) {
                throw new UsageException(option + ": " + e.getMessage());
            }
        }
        return algorithms;
    }

    static KeyAlgorithm parse(String option, String value) {
        return parse(option, List.of(value)).get(0);
    }

    /** Warns (stderr) about keys no ACME CA certifies and backups of a single key family. */
    static void warnAboutChoices(List<KeyAlgorithm> current, List<KeyAlgorithm> backups) {
        for (KeyAlgorithm algorithm : current) {
            warnIfNotIssuable(algorithm, "current");
        }
        for (KeyAlgorithm algorithm : backups) {
            warnIfNotIssuable(algorithm, "backup");
        }
        if (backups.stream().map(KeyAlgorithm::family).distinct().count() < 2) {
            KeysCommand.warn("all backup keys are of one family; one RSA and one EC backup survive a CA or client"
                    + " dropping either");
        }
    }

    static void warnIfNotIssuable(KeyAlgorithm algorithm, String role) {
        if (!algorithm.acmeIssuable()) {
            KeysCommand.warn(role + " key " + algorithm.label()
                    + ": ACME CAs issue certificates for RSA and EC keys only");
        }
    }
}
