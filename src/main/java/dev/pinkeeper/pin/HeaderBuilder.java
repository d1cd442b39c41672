package dev.pinkeeper.pin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a Public-Key-Pins header that browsers will note and that cannot easily lock visitors
 * out, or says why not.
 *
 * <pre>{@code
 * HeaderBuilder.Result r = new HeaderBuilder().pins(List.of(current, backup)).maxAge(2_592_000L)
 *         .currentPins(List.of(current)).build();
 * if (r.problems().isEmpty()) System.out.println(r.header());
 * }</pre>
 *
 * It refuses: fewer than two pins; an enforcing header without max-age; a max-age above 60 days
 * unless {@link #allowLongMaxAge}; with {@link #currentPins}, a set that any UA's
 * {@link PinListRule} would not note (no backup pin, no current key pinned); a value that a UA would
 * not parse (e.g. Chrome drops report-only headers without report-uri and relative report-uris, and
 * the RFC's report-uri is a URI-reference, so no {@code " \ { }} or space). How a value is written
 * into a server configuration is the server package's concern, not a reason to refuse a header.
 */
public final class HeaderBuilder {
    private final Set<Pin> pins = new LinkedHashSet<>();
    private Long maxAge;
    private boolean includeSubDomains;
    private String reportUri;
    private boolean reportOnly;
    private Collection<Pin> currentPins;
    private boolean allowLongMaxAge;

    /** The header (null when refused) and every reason it was refused (empty when built). */
    public record Result(PkpHeader header, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** Adds pins (duplicates count once). */
    public HeaderBuilder pins(Collection<Pin> added) {
        pins.addAll(added);
        return this;
    }

    /** max-age in seconds, or null for none (report-only only). */
    public HeaderBuilder maxAge(Long seconds) {
        this.maxAge = seconds;
        return this;
    }

    public HeaderBuilder includeSubDomains(boolean include) {
        this.includeSubDomains = include;
        return this;
    }

    public HeaderBuilder reportUri(String uri) {
        this.reportUri = uri;
        return this;
    }

    public HeaderBuilder reportOnly(boolean only) {
        this.reportOnly = only;
        return this;
    }

    /** The pins of the keys actually served (leaf, and intermediates if they are pinned), or null if unknown. */
    public HeaderBuilder currentPins(Collection<Pin> current) {
        this.currentPins = current == null ? null : List.copyOf(current);
        return this;
    }

    /** Accept a max-age above 60 days (browsers cap it there anyway). */
    public HeaderBuilder allowLongMaxAge(boolean allow) {
        this.allowLongMaxAge = allow;
        return this;
    }

    /** Checks everything and builds the header if nothing is wrong. */
    public Result build() {
        List<String> problems = new ArrayList<>();
        if (pins.size() < 2) {
            problems.add("fewer than two pins (" + pins.size() + "): a browser needs a pin of the served chain and a backup pin");
        }
        if (maxAge != null && maxAge < 0) {
            problems.add("max-age cannot be negative");
        }
        if (!reportOnly && maxAge == null) {
            problems.add("an enforcing Public-Key-Pins header needs a max-age");
        }
        if (maxAge != null && maxAge > UserAgent.SIXTY_DAYS && !allowLongMaxAge) {
            problems.add("max-age " + maxAge + " s is above 60 days (" + UserAgent.SIXTY_DAYS
                    + " s), which browsers cap and which lengthens any lockout (override: --allow-long-max-age)");
        }
        if (maxAge != null && maxAge < 0 || !reportOnly && maxAge == null) {
            return new Result(null, problems);
        }
        PkpHeader header = new PkpHeader(reportOnly, maxAge, includeSubDomains, reportUri, List.copyOf(pins));
        for (UserAgent ua : UserAgent.values()) {
            if (ua == UserAgent.FIREFOX && reportOnly) {
                continue; // Firefox never implemented report-only: nothing to break there.
            }
            HeaderParse parse = PkpHeaderParser.parse(ua, header.value(), reportOnly);
            if (!parse.valid()) {
                addOnce(problems, ua.label() + " would ignore this header: " + parse.error());
            } else if (currentPins != null) {
                String why = PinListRule.whyNotNoted(ua, parse.header(), currentPins);
                if (why != null) {
                    addOnce(problems, why.startsWith("no backup pin") ? "no backup pin: every pin is one of the current keys"
                            : why.startsWith("no pin matches") ? "no pin matches the current keys"
                            : ua.label() + " would not note it: " + why);
                }
            }
        }
        return problems.isEmpty() ? new Result(header, problems) : new Result(null, problems);
    }

    private static void addOnce(List<String> problems, String problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }
}
