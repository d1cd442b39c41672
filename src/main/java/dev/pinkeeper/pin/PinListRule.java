package dev.pinkeeper.pin;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a user agent notes a valid header's pins for a connection (RFC 7469 §2.5), given the
 * pins of the validated certificate chain (the chain the UA built to a trust anchor, not merely the
 * one served):
 * <ul>
 * <li>{@code rfc}: at least one pin matches an SPKI of the validated chain, and at least one pin
 * (a backup pin) matches none of them (§2.5, §4.3).</li>
 * <li>{@code chrome}: IsPinListValid of http_security_headers.cc — at least two pins, a non-empty
 * chain, a backup pin, and a pin in the chain, checked in that order. It is applied to max-age=0
 * too: Chrome only forgets pins on a header that passes it.</li>
 * <li>{@code firefox}: ProcessPKPHeader — max-age=0 removes the host's pins <em>before</em> any pin
 * check (so it is always noted, as a removal); otherwise a pin in the chain and a backup pin.
 * Report-only headers are never processed.</li>
 * </ul>
 * A noted header with max-age=0 ({@link #forgetsPins}) is a removal: the UA drops what it holds for
 * the host. A report-only header is never stored; the rule is applied to it as if it were the
 * enforcing header it rehearses.
 */
public final class PinListRule {
    private PinListRule() {
    }

    /**
     * Null when {@code ua} would note {@code header} on a connection whose validated chain has
     * {@code validatedChainPins}, else a one-line reason why not.
     */
    public static String whyNotNoted(UserAgent ua, PkpHeader header, Collection<Pin> validatedChainPins) {
        Objects.requireNonNull(ua, "ua");
        if (header == null) {
            return "no valid header";
        }
        Set<Pin> chain = Set.copyOf(validatedChainPins);
        boolean inChain = header.pins().stream().anyMatch(chain::contains);
        boolean backup = header.pins().stream().anyMatch(pin -> !chain.contains(pin));
        String noMatch = "no pin matches the validated chain";
        String noBackup = "no backup pin: every pin is in the validated chain";
        return switch (ua) {
            case RFC -> !inChain ? noMatch : !backup ? noBackup : null;
            case CHROME -> header.pins().size() < 2 ? "fewer than two pins (Chrome needs a pin in the chain and a backup pin)"
                    : chain.isEmpty() ? "the validated chain is empty"
                    : !backup ? noBackup
                    : !inChain ? noMatch : null;
            case FIREFOX -> header.reportOnly() ? "Firefox does not implement Public-Key-Pins-Report-Only"
                    : forgetsPins(header) ? null
                    : !inChain ? noMatch : !backup ? noBackup : null;
        };
    }

    /** Whether {@code header}, once noted, makes the UA forget the host's pins (enforcing, max-age=0). */
    public static boolean forgetsPins(PkpHeader header) {
        return !header.reportOnly() && header.maxAge() != null && header.maxAge() == 0;
    }
}
