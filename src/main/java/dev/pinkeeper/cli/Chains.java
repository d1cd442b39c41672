package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.pinkeeper.pin.ChainValidator;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.read.CertificateChainReader;
import dev.pinkeeper.read.UnreadableInputException;

/** Reads the certificate chains, trust anchors and pin lists named on a command line. */
final class Chains {
    private Chains() {
    }

    /** The certificates of a chain file ({@code -} is stdin), or a one-line usage error naming it. */
    static List<X509Certificate> read(String name) {
        try (InputStream in = Inputs.open(name)) {
            return CertificateChainReader.read(in);
        } catch (IOException e) {
            throw new UsageException(name + ": " + Inputs.describe(e));
        } catch (UnreadableInputException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    /** A validator trusting the certificates of {@code trustFiles}, or the JDK trust store when none. */
    static ChainValidator validator(List<String> trustFiles) {
        if (trustFiles == null || trustFiles.isEmpty()) {
            return ChainValidator.withJdkTrustStore();
        }
        List<X509Certificate> anchors = new ArrayList<>();
        for (String file : trustFiles) {
            anchors.addAll(read(file));
        }
        return new ChainValidator(anchors);
    }

    /** Parses pins given to {@code option}, each possibly a comma-separated list. */
    static List<Pin> pins(String option, Collection<String> values) {
        List<Pin> pins = new ArrayList<>();
        if (values == null) {
            return pins;
        }
        for (String value : values) {
            for (String text : value.split(",")) {
                if (text.isBlank()) {
                    continue;
                }
                try {
                    Pin pin = Pin.parse(text);
                    if (!pins.contains(pin)) {
                        pins.add(pin);
                    }
                } catch (IllegalArgumentException e) {
                    throw new UsageException(option + ": " + e.getMessage());
                }
            }
        }
        return pins;
    }
}
