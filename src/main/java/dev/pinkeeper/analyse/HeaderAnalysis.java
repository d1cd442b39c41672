package dev.pinkeeper.analyse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.pinkeeper.catalogue.CaKey;
import dev.pinkeeper.pin.HeaderCheck;
import dev.pinkeeper.pin.Pin;

/**
 * The result of {@link HeaderAnalyser#analyse}.
 *
 * @param at       the time the chain was validated at
 * @param check    the header checked against the chain by RFC 7469's rules
 * @param pins     what each pin of the header stands for, in header order
 * @param known    the well-known CA names of every pin of the served and validated chains
 * @param findings everything found, errors first
 */
public record HeaderAnalysis(Instant at, HeaderCheck check, List<PinRole> pins, Map<Pin, List<CaKey>> known,
        List<Finding> findings) {
    public HeaderAnalysis {
        pins = List.copyOf(pins);
        known = Map.copyOf(known);
        findings = List.copyOf(findings);
    }

    /** Good when nothing is an error or a warning. */
    public boolean good() {
        return findings.stream().noneMatch(f -> f.severity() != Severity.NOTE);
    }

    /** How many findings have {@code severity}. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** The well-known names of a key, or an empty list. */
    public List<CaKey> known(Pin pin) {
        return known.getOrDefault(pin, List.of());
    }
}
