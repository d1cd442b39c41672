package dev.pinkeeper.cli;

import java.util.ArrayList;
import java.util.List;

import dev.pinkeeper.keys.AlgorithmAdvice;
import dev.pinkeeper.keys.KeyAlgorithm;

/** Parses key algorithm options and prints the advice about them. */
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

    /** Warns (stderr) about each risk {@code advice} ({@link AlgorithmAdvice}) names. */
    static void warn(List<String> advice) {
        advice.forEach(KeysCommand::warn);
    }
}
