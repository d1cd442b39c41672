package dev.pinkeeper.pin;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A Public-Key-Pins header checked against a served chain, as one user agent would: parse the value
 * ({@link PkpHeaderParser}), build the validated chain and match the header's pins against it
 * ({@link ChainValidator}), and decide whether the header is noted ({@link PinListRule}). A user
 * agent notes a header only on a connection without errors, so a chain that does not validate, or
 * holds an excluded key, is never noted.
 *
 * @param parse      what the user agent made of the value
 * @param validation the pin validation of the chain against the header's pins
 * @param noted      whether the user agent would note (store) the header
 * @param reason     one line: why accepted and noted, or what stops it
 */
public record HeaderCheck(HeaderParse parse, PinValidation validation, boolean noted, String reason) {
    /** Checks {@code value} (a Public-Key-Pins, or with {@code reportOnly} -Report-Only, value). */
    public static HeaderCheck check(ChainValidator validator, List<X509Certificate> served, UserAgent ua,
            String value, boolean reportOnly, Collection<Pin> excluded, String host, Instant at) {
        HeaderParse parse = PkpHeaderParser.parse(ua, value, reportOnly);
        PinValidation validation = validator.check(served, parse.pins(), excluded, host, at);
        if (!parse.valid()) {
            return new HeaderCheck(parse, validation, false,
                    "the header is not valid for " + ua.label() + ": " + parse.error());
        }
        if (!validation.chainValid() || holdsExcludedKey(validation, excluded)) {
            return new HeaderCheck(parse, validation, false, validation.reason() + "; so the header is not noted");
        }
        String whyNot = PinListRule.whyNotNoted(ua, parse.header(), validation.validatedChainPins());
        List<String> parts = new ArrayList<>();
        parts.add(validation.reason());
        if (whyNot != null && !validation.reason().startsWith(whyNot)) {
            parts.add("not noted: " + whyNot);
        } else if (whyNot == null) {
            parts.add(parse.forgetsPins() ? "noted: max-age=0 makes the user agent forget the host's pins"
                    : "noted by " + ua.label());
        }
        return new HeaderCheck(parse, validation, whyNot == null, String.join("; ", parts));
    }

    /** Whether the connection is accepted and the header noted. */
    public boolean ok() {
        return validation.accepted() && noted;
    }

    private static boolean holdsExcludedKey(PinValidation validation, Collection<Pin> excluded) {
        return validation.validatedChain().stream().anyMatch(c -> excluded.contains(c.pin()));
    }
}
