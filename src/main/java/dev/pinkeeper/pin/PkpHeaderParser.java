package dev.pinkeeper.pin;

import java.util.Objects;

/**
 * Parses a Public-Key-Pins or Public-Key-Pins-Report-Only header value exactly as one user agent
 * did, quirks included, so a header can be checked against each before it is deployed.
 *
 * <pre>{@code
 * HeaderParse parse = PkpHeaderParser.parse(UserAgent.CHROME, value, false);
 * if (!parse.valid()) System.out.println("Chrome ignores it: " + parse.error());
 * }</pre>
 *
 * <p>It never throws for any string: every input gives a valid or an invalid {@link HeaderParse}.
 * Whether a valid header is then noted depends on the connection's chain: {@link PinListRule}.
 *
 * @see RfcHeaderRules RFC 7469 §2.1
 * @see ChromeHeaderRules Chromium's http_security_headers.cc
 * @see FirefoxHeaderRules Firefox's nsSiteSecurityService
 */
public final class PkpHeaderParser {
    private PkpHeaderParser() {
    }

    /**
     * Parses {@code value} by the rules of {@code ua}.
     *
     * @param ua         whose rules apply
     * @param value      the header field value (without the name and colon)
     * @param reportOnly true for Public-Key-Pins-Report-Only, false for Public-Key-Pins
     */
    public static HeaderParse parse(UserAgent ua, String value, boolean reportOnly) {
        Objects.requireNonNull(ua, "ua");
        if (value == null) {
            return HeaderParse.invalid("no header value");
        }
        try {
            return switch (ua) {
                case RFC -> RfcHeaderRules.parse(value, reportOnly);
                case CHROME -> ChromeHeaderRules.parse(value, reportOnly);
                case FIREFOX -> FirefoxHeaderRules.parse(value, reportOnly);
            };
        } catch (RuntimeException e) {
            // A parser bug must not take the caller down: report it as an unusable header.
            return HeaderParse.invalid("internal parser error: " + e.getClass().getSimpleName());
        }
    }
}
