package dev.pinkeeper.pin;

import java.util.List;

/**
 * The answer of {@link ChainValidator#check}: would a user agent holding a pin set accept this
 * connection (RFC 7469 §2.6), and why.
 *
 * @param accepted       true when the chain validates and the pin set matches a key of it
 * @param reason         one line saying why it was accepted or refused
 * @param chainValid     whether a chain to a trust anchor could be built (at that time, for that host)
 * @param servedChain    the certificates as served, in order
 * @param validatedChain the chain built from the leaf to the trust anchor (included), empty when none
 * @param backupPins     pins of the set that match no certificate of the validated chain, in set order
 */
public record PinValidation(boolean accepted, String reason, boolean chainValid, List<ChainCertificate> servedChain,
        List<ChainCertificate> validatedChain, List<Pin> backupPins) {
    public PinValidation {
        servedChain = List.copyOf(servedChain);
        validatedChain = List.copyOf(validatedChain);
        backupPins = List.copyOf(backupPins);
    }

    /** The pins of every certificate of the validated chain, leaf first. */
    public List<Pin> validatedChainPins() {
        return validatedChain.stream().map(ChainCertificate::pin).toList();
    }
}
