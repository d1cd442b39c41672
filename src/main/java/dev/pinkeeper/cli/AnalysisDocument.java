package dev.pinkeeper.cli;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pinkeeper.analyse.Finding;
import dev.pinkeeper.analyse.HeaderAnalysis;
import dev.pinkeeper.analyse.PinRole;
import dev.pinkeeper.catalogue.CaKey;
import dev.pinkeeper.pin.ChainCertificate;
import dev.pinkeeper.pin.HeaderParse;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PinValidation;

/**
 * The JSON document of {@code pinkeeper analyse} (and of each pin header {@code verify} reports): a
 * {@link HeaderAnalysis} in the shape scripts read, rendered by {@link Json}.
 *
 * @param verdict        good or problems
 * @param at             the instant analysed at
 * @param accepted       whether a UA holding the pins accepts the chain
 * @param noted          whether a UA notes the header
 * @param reason         why, in one line
 * @param header         the header as parsed
 * @param servedChain    the chain as served (left out where the report gives it elsewhere)
 * @param validatedChain the validated chain (left out with {@code servedChain})
 * @param pins           each pin of the header and what it matches
 * @param findings       every finding
 */
record AnalysisDocument(String verdict, Instant at, boolean accepted, boolean noted, String reason, Header header,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<ChainEntry> servedChain,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<ChainEntry> validatedChain,
                        List<PinEntry> pins, List<FindingEntry> findings) {
    /** The document of {@code a}; {@code withChains} false leaves out servedChain and validatedChain. */
    static AnalysisDocument of(HeaderAnalysis a, boolean withChains) {
        HeaderParse parse = a.check().parse();
        PinValidation v = a.check().validation();
        return new AnalysisDocument(verdict(a.good()), a.at(), v.accepted(), a.check().noted(), a.check().reason(),
                new Header(parse.valid(), parse.error(), parse.maxAge(), parse.includeSubDomains(), parse.reportUri()),
                withChains ? ChainEntry.of(v.servedChain(), a::known) : null,
                withChains ? ChainEntry.of(v.validatedChain(), a::known) : null,
                a.pins().stream().map(PinEntry::of).toList(), FindingEntry.of(a.findings()));
    }

    /** {@code good} or {@code problems}. */
    static String verdict(boolean good) {
        return good ? "good" : "problems";
    }

    /** The header as parsed. */
    record Header(boolean valid, String error, Long maxAge, boolean includeSubDomains, String reportUri) {
    }

    /** A certificate of a chain, and the CA keys the catalogue knows by its pin. */
    record ChainEntry(String subject, Pin pin, boolean pinned, List<Known> known) {
        static List<ChainEntry> of(List<ChainCertificate> chain, Function<Pin, List<CaKey>> known) {
            return chain.stream().map(c -> new ChainEntry(c.subject(), c.pin(), c.pinned(),
                    Known.of(known.apply(c.pin())))).toList();
        }
    }

    /** A pin of the header; {@code chainIndex} null for a backup pin. */
    record PinEntry(Pin pin, boolean backup, Integer chainIndex, String subject, List<Known> known) {
        static PinEntry of(PinRole role) {
            return new PinEntry(role.pin(), role.backup(), role.backup() ? null : role.chainIndex(),
                    role.chainSubject(), Known.of(role.known()));
        }
    }

    /** A CA key the catalogue knows. */
    record Known(String name, String role, String operator) {
        static List<Known> of(List<CaKey> keys) {
            return keys.stream().map(k -> new Known(k.name(), k.role().label(), k.operator())).toList();
        }
    }

    /** A finding, its fix spelled with the command line's options ({@link AnalysisOutput#fix}). */
    record FindingEntry(String severity, String code, String message, String fix) {
        static List<FindingEntry> of(List<Finding> findings) {
            return findings.stream().map(f -> new FindingEntry(f.severity().label(), f.code(), f.message(),
                    AnalysisOutput.fix(f))).toList();
        }
    }
}
