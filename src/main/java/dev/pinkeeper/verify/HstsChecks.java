package dev.pinkeeper.verify;

import java.util.List;

import dev.pinkeeper.analyse.Finding;
import dev.pinkeeper.analyse.Severity;

/** What is worth saying about a site's Strict-Transport-Security fields (RFC 6797, hstspreload.org). */
final class HstsChecks {
    /** One year: the least max-age hstspreload.org accepts, and the one to use beside pins. */
    static final long ONE_YEAR = 365L * 24 * 3600;
    private static final String ADD = "add_header Strict-Transport-Security \"max-age=31536000\" always; "
            + "(nginx) or the equivalent header on every HTTPS response";

    private HstsChecks() {
    }

    /**
     * Adds the findings about {@code values} (every field served, in order) to {@code out}.
     *
     * @param pinning whether the site pins (serves or is expected to serve Public-Key-Pins)
     */
    static void check(List<String> values, boolean pinning, List<Finding> out) {
        if (values.isEmpty()) {
            out.add(new Finding(Severity.WARNING, "hsts-missing", "no Strict-Transport-Security header: a visitor "
                    + "typing the name or following an http:// link can be downgraded to plain HTTP, where no pin "
                    + "protects them", ADD));
            return;
        }
        if (values.size() > 1) {
            out.add(new Finding(Severity.WARNING, "hsts-several", values.size() + " Strict-Transport-Security "
                    + "headers: user agents use only the first (RFC 6797 §8.1)", "send exactly one"));
        }
        HstsHeader hsts = HstsHeader.parse(values.get(0));
        if (!hsts.valid()) {
            out.add(new Finding(Severity.ERROR, "hsts-invalid", "Strict-Transport-Security is ignored by user "
                    + "agents: " + hsts.error(), "write it as max-age=31536000[; includeSubDomains]"));
            return;
        }
        long maxAge = hsts.maxAge();
        if (maxAge == 0) {
            out.add(new Finding(Severity.WARNING, "hsts-max-age-zero", "Strict-Transport-Security max-age=0: user "
                    + "agents forget that this host is HTTPS-only", "serve max-age=31536000 unless HSTS is being "
                    + "withdrawn on purpose"));
        } else if (maxAge < ONE_YEAR) {
            String message = "Strict-Transport-Security max-age=" + maxAge + " (" + maxAge / 86400 + " days) is under "
                    + "one year";
            if (pinning) {
                out.add(new Finding(Severity.WARNING, "hsts-short", message + ": pins protect only HTTPS visits, so "
                        + "HSTS should be remembered at least as long as the pins", "serve max-age=31536000"));
            } else {
                out.add(new Finding(Severity.NOTE, "hsts-short", message + "; one year is the usual value", null));
            }
        }
        if (hsts.includeSubDomains()) {
            out.add(new Finding(Severity.NOTE, "hsts-include-subdomains", "Strict-Transport-Security has "
                    + "includeSubDomains: every subdomain must serve HTTPS", null));
        }
        if (hsts.preload()) {
            if (maxAge < ONE_YEAR || !hsts.includeSubDomains()) {
                out.add(new Finding(Severity.WARNING, "hsts-preload-unmet", "Strict-Transport-Security asks for "
                        + "preload but hstspreload.org requires max-age of at least 31536000 and includeSubDomains",
                        "serve max-age=31536000; includeSubDomains; preload, or drop preload"));
            } else {
                out.add(new Finding(Severity.NOTE, "hsts-preload", "Strict-Transport-Security has preload: once "
                        + "in the browsers' preload lists, removal takes months", null));
            }
        }
    }
}
