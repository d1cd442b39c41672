package dev.pinkeeper.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.pinkeeper.keys.KeyRole;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;

/**
 * What a site pins and how it ramps up: current + next + backup keys (and CA pins only when
 * explicitly allowed, then from at least two CAs), the report-only period and max-age ramp,
 * includeSubDomains and report-uri.
 *
 * @param keys              the site's own keys (roles of the key inventory, {@link KeyRole}; never
 *                          retired); at least one current and one backup
 * @param caPins            CA pins; empty unless {@code allowCaPins}
 * @param allowCaPins       the explicit opt-in to CA pins
 * @param ramp              report-only period and max-age steps
 * @param includeSubDomains whether headers bind subdomains too
 * @param reportUri         where browsers report failures, or null
 */
public record PinPolicy(List<PinnedKey> keys, List<CaPin> caPins, boolean allowCaPins, Ramp ramp,
                        boolean includeSubDomains, String reportUri) {
    public PinPolicy {
        keys = List.copyOf(keys);
        caPins = List.copyOf(caPins);
        Objects.requireNonNull(ramp, "ramp");
        if (keys.stream().anyMatch(k -> k.role() == KeyRole.RETIRED)) {
            throw new IllegalArgumentException("a retired key is no longer pinned: leave it out of the policy");
        }
        if (keys.stream().noneMatch(k -> k.role() == KeyRole.CURRENT)) {
            throw new IllegalArgumentException("a pin policy needs a current key");
        }
        if (keys.stream().noneMatch(k -> k.role() == KeyRole.BACKUP)) {
            throw new IllegalArgumentException(
                    "a pin policy needs at least one backup key: without one, losing the current key locks visitors out");
        }
        if (!caPins.isEmpty() && !allowCaPins) {
            throw new IllegalArgumentException("CA pins are shared by every customer of the CA: allow them explicitly");
        }
        if (!caPins.isEmpty() && caPins.stream().map(CaPin::ca).distinct().count() < 2) {
            throw new IllegalArgumentException(
                    "CA pins must name at least two CAs, or losing that CA's intermediate locks visitors out");
        }
        Set<Pin> seen = new LinkedHashSet<>();
        for (PinnedKey key : keys) {
            if (!seen.add(key.pin())) {
                throw new IllegalArgumentException("pin listed twice: " + key.pin());
            }
        }
        for (CaPin ca : caPins) {
            if (!seen.add(ca.pin())) {
                throw new IllegalArgumentException("pin listed twice: " + ca.pin());
            }
        }
    }

    /** A policy of own keys only, with the default ramp, no includeSubDomains, no report-uri. */
    public static PinPolicy ofKeys(List<PinnedKey> keys) {
        return new PinPolicy(keys, List.of(), false, Ramp.DEFAULT, false, null);
    }

    /** The pins in header order: current, next, backup keys, then CA pins. */
    public List<Pin> pinSet() {
        List<Pin> pins = new ArrayList<>();
        for (KeyRole role : KeyRole.values()) {
            for (PinnedKey key : keys) {
                if (key.role() == role) {
                    pins.add(key.pin());
                }
            }
        }
        caPins.forEach(ca -> pins.add(ca.pin()));
        return pins;
    }

    /** The keys of one role, in order. */
    public List<PinnedKey> keys(KeyRole role) {
        return keys.stream().filter(k -> k.role() == role).toList();
    }

    /** The enforcing header with this max-age (seconds). */
    public PkpHeader header(long maxAge) {
        return new PkpHeader(false, maxAge, includeSubDomains, reportUri, pinSet());
    }

    /** The report-only header served during the report-only period. */
    public PkpHeader reportOnlyHeader() {
        return new PkpHeader(true, ramp.maxAges().get(0).getSeconds(), includeSubDomains, reportUri, pinSet());
    }

    /** This policy with other keys (same CA pins, ramp and directives). */
    public PinPolicy withKeys(List<PinnedKey> newKeys) {
        return new PinPolicy(newKeys, caPins, allowCaPins, ramp, includeSubDomains, reportUri);
    }

    /** Advice that does not make the policy invalid: too few backups, one algorithm only, CA pins. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        List<PinnedKey> backups = keys(KeyRole.BACKUP);
        if (backups.size() < 2) {
            warnings.add("only one backup key: pin two (one RSA, one EC) so one CA refusing an algorithm"
                    + " or one lost backup does not leave you without a way out");
        } else if (backups.stream().allMatch(k -> k.algorithm() != null)
                && backups.stream().map(k -> k.algorithm().toUpperCase(java.util.Locale.ROOT)).distinct().count() < 2) {
            warnings.add("every backup key uses " + backups.get(0).algorithm()
                    + ": keep one RSA and one EC backup, in case a CA stops issuing for one algorithm");
        }
        if (keys(KeyRole.NEXT).isEmpty()) {
            warnings.add("no next key is pre-published: a planned rollover will have to wait a full max-age"
                    + " after its pin is published");
        }
        if (!caPins.isEmpty()) {
            warnings.add("CA pins accept any certificate those CAs issue for anyone, and break if the CA"
                    + " switches intermediates: prefer your own keys");
        }
        return warnings;
    }
}
