package dev.pinkeeper.pin;

import java.util.Collection;
import java.util.List;

/**
 * What one user agent made of one Public-Key-Pins (or -Report-Only) header value.
 *
 * @param valid             whether the UA accepted the value (it may still refuse to note it:
 *                          see {@link PinListRule})
 * @param error             one-line reason when invalid, else null
 * @param header            the header as the UA understood it, or null when invalid
 * @param maxAge            max-age as written (saturated at Long.MAX_VALUE), or null when absent
 * @param effectiveMaxAge   max-age after the UA's cap; null when absent or ignored (report-only)
 * @param includeSubDomains whether includeSubDomains was given
 * @param reportUri         the report-uri, or null
 * @param pins              the pin-sha256 values the UA kept, in order, without duplicates
 * @param warnings          one line for every directive the UA ignored, in order
 */
public record HeaderParse(boolean valid, String error, PkpHeader header, Long maxAge, Long effectiveMaxAge,
        boolean includeSubDomains, String reportUri, List<Pin> pins, List<String> warnings) {

    public HeaderParse {
        pins = List.copyOf(pins);
        warnings = List.copyOf(warnings);
    }

    /** An invalid result: the UA ignored the whole header for {@code reason}. */
    public static HeaderParse invalid(String reason) {
        return new HeaderParse(false, reason, null, null, null, false, null, List.of(), List.of());
    }

    /** A valid result for {@code header}, with the UA's effective max-age. */
    static HeaderParse valid(PkpHeader header, Long effectiveMaxAge, List<String> warnings) {
        return new HeaderParse(true, null, header, header.maxAge(), effectiveMaxAge, header.includeSubDomains(),
                header.reportUri(), header.pins(), warnings);
    }

    /**
     * Whether this is a valid enforcing header with max-age=0: once noted, the UA forgets the
     * pins it holds for the host instead of storing new ones (RFC 7469 §2.1.2).
     */
    public boolean forgetsPins() {
        return valid && !header.reportOnly() && header.maxAge() == 0;
    }

    /**
     * Why {@code ua} would not note this header on a connection whose validated chain has {@code chainPins}
     * ({@link PinListRule}), or null when it would; an invalid header is never noted.
     */
    public String whyNotNoted(UserAgent ua, Collection<Pin> chainPins) {
        return valid ? PinListRule.whyNotNoted(ua, header, chainPins) : "the header is not valid";
    }
}
