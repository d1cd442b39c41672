package dev.pinkeeper.cli;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.plan.site.PlanView;
import dev.pinkeeper.verify.HstsHeader;
import dev.pinkeeper.verify.LiveReport;
import dev.pinkeeper.verify.LiveResponse;
import dev.pinkeeper.verify.ServedPinHeader;

/**
 * The JSON document of {@code pinkeeper verify}: a {@link LiveReport} (and, with {@code --site}, the plan it
 * was compared with and the backup warnings) in the shape scripts read, rendered by {@link Json}.
 *
 * @param verdict        good or problems
 * @param url            the address verified
 * @param host           its host
 * @param port           its port
 * @param address        the address connected to
 * @param at             the instant verified at
 * @param tls            the TLS version and cipher suite
 * @param status         the HTTP status
 * @param chain          the served and validated chains
 * @param hsts           the Strict-Transport-Security header
 * @param publicKeyPins  each pin header served, analysed
 * @param expectedPins   the pins given to expect, or null
 * @param findings       every finding
 * @param plan           the plan compared with (only with {@code --site})
 * @param warnings       the backup warnings (only with {@code --site})
 */
record VerifyDocument(String verdict, String url, String host, int port, String address, Instant at, Tls tls,
                      int status, Chain chain, Hsts hsts, List<PinHeader> publicKeyPins, List<Pin> expectedPins,
                      List<AnalysisDocument.FindingEntry> findings,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Plan plan,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> warnings) {
    /** The document of {@code r}; {@code plan} and {@code warnings} null without {@code --site}. */
    static VerifyDocument of(LiveReport r, PlanView plan, List<String> warnings) {
        LiveResponse response = r.response();
        HstsHeader first = r.hsts();
        return new VerifyDocument(AnalysisDocument.verdict(r.good()), response.site().url(), response.site().host(),
                response.site().port(), response.address(), r.at(), new Tls(response.tlsVersion(), response.cipherSuite()),
                response.status(), new Chain(r.chain().chainValid(), r.chain().chainValid() ? null : r.chain().reason(),
                        AnalysisDocument.ChainEntry.of(r.chain().servedChain(), r::known),
                        AnalysisDocument.ChainEntry.of(r.chain().validatedChain(), r::known)),
                new Hsts(r.hstsValues(), first != null && first.valid(), first == null ? "not served" : first.error(),
                        first == null ? null : first.maxAge(), first != null && first.includeSubDomains(),
                        first != null && first.preload()),
                r.pinHeaders().stream().map(PinHeader::of).toList(), r.expectedPins(),
                AnalysisDocument.FindingEntry.of(r.findings()), plan == null ? null : Plan.of(plan), warnings);
    }

    /** The TLS connection. */
    record Tls(String version, String cipherSuite) {
    }

    /** The chains. */
    record Chain(boolean valid, String reason, List<AnalysisDocument.ChainEntry> servedChain,
                 List<AnalysisDocument.ChainEntry> validatedChain) {
    }

    /** The first Strict-Transport-Security header, and every value served. */
    record Hsts(List<String> values, boolean valid, String error, Long maxAge, boolean includeSubDomains,
                boolean preload) {
    }

    /** A pin header served, with its analysis (without the chains, given once in {@code chain}). */
    record PinHeader(String name, boolean reportOnly, int position, String value,
                     @JsonUnwrapped AnalysisDocument analysis) {
        static PinHeader of(ServedPinHeader header) {
            return new PinHeader(header.name(), header.reportOnly(), header.position(), header.value(),
                    AnalysisDocument.of(header.analysis(), false));
        }
    }

    /** The plan verified against. */
    record Plan(String site, int planVersion, List<Pin> leafPins, List<StatusDocument.Header> headers) {
        static Plan of(PlanView plan) {
            return new Plan(plan.inventory().site(), plan.stored().version(),
                    plan.chains().stream().map(c -> c.leaf()).toList(), StatusDocument.Header.of(plan.headers()));
        }
    }
}
