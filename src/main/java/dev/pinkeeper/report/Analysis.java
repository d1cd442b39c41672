package dev.pinkeeper.report;

import java.util.List;

import dev.pinkeeper.pin.Pin;

/**
 * What a report means.
 *
 * @param reportClass    its class
 * @param reason         one line saying why it got that class
 * @param site           the plan's site it concerns, or null when no plan covers its host
 * @param headerVersion  the label of the header version whose pins the client held, or null
 * @param served         the served chain's readable certificates, leaf first
 * @param validated      the validated chain's readable certificates, leaf to root
 * @param knownPins      the readable pins the client held
 */
public record Analysis(ReportClass reportClass, String reason, String site, String headerVersion,
        List<ChainEntry> served, List<ChainEntry> validated, List<Pin> knownPins) {
    public Analysis {
        served = List.copyOf(served);
        validated = List.copyOf(validated);
        knownPins = List.copyOf(knownPins);
    }

    /** The chain the client checked its pins against: the validated one when sent, else the served one. */
    public List<ChainEntry> checkedChain() {
        return validated.isEmpty() ? served : validated;
    }

    /** The leaf of the checked chain, or null. */
    public ChainEntry leaf() {
        List<ChainEntry> chain = checkedChain();
        return chain.isEmpty() ? null : chain.get(0);
    }

    /** The last certificate of the validated chain (its root), or null. */
    public ChainEntry root() {
        return validated.isEmpty() ? null : validated.get(validated.size() - 1);
    }
}
