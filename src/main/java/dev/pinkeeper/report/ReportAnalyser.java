package dev.pinkeeper.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.read.KeyMaterial;
import dev.pinkeeper.read.KeyMaterialReader;
import dev.pinkeeper.read.MaterialKind;
import dev.pinkeeper.read.UnreadableInputException;

/**
 * Classifies a violation report against the site plans and the public roots, in this order:
 * <ol>
 * <li>{@link ReportClass#NOISE}: the report holds no readable chain;</li>
 * <li>{@link ReportClass#NOISE}: no plan covers the host (nobody here pinned it, whatever its chain);</li>
 * <li>{@link ReportClass#INTERCEPTION}: the validated chain ends at a root that is not public, and
 *     passes through none of the site's own ({@link SitePlan#roots()}: the private roots its
 *     deployments trust, such as pebble, Let's Encrypt staging or a company CA);</li>
 * <li>{@link ReportClass#UNEXPECTED_CHAIN}: the checked chain holds none of the plan's pins;</li>
 * <li>{@link ReportClass#ROLLOVER_MISTAKE}: the chain's pins are ours, but the header version the
 *     client holds has none of them;</li>
 * <li>{@link ReportClass#NOISE} otherwise (the chain satisfies the pins the client says it holds,
 *     or the client holds pins we never served).</li>
 * </ol>
 * Thread-safe.
 */
public final class ReportAnalyser {
    /** Certificates read recently, by PEM: a storm of reports repeats the same few chains. */
    private static final int CACHED_CERTIFICATES = 2048;

    private final SitePlans plans;
    private final PublicRoots roots;
    private final java.util.concurrent.ConcurrentHashMap<String, Optional<ChainEntry>> certificates =
            new java.util.concurrent.ConcurrentHashMap<>();

    public ReportAnalyser(SitePlans plans, PublicRoots roots) {
        this.plans = plans;
        this.roots = roots;
    }

    /** Analyses one report. Never throws on a report's content. */
    public Analysis analyze(ViolationReport report) {
        List<ChainEntry> served = chain(report.servedChain());
        List<ChainEntry> validated = chain(report.validatedChain());
        List<Pin> known = knownPins(report.knownPins());
        Optional<SitePlan> plan = plans.forHost(report.hostname());
        if (plan.isEmpty() && report.notedHostname() != null) {
            plan = plans.forHost(report.notedHostname());
        }
        String site = plan.map(SitePlan::site).orElse(null);
        HeaderVersion held = plan.map(p -> heldVersion(p, known)).orElse(null);
        String version = held == null ? null : held.label();
        Verdict verdict = classify(report, plan.orElse(null), held, served, validated, known);
        return new Analysis(verdict.reportClass, verdict.reason, site, version, served, validated, known);
    }

    private record Verdict(ReportClass reportClass, String reason) {
    }

    private Verdict classify(ViolationReport report, SitePlan plan, HeaderVersion held,
            List<ChainEntry> served, List<ChainEntry> validated, List<Pin> known) {
        if (served.isEmpty() && validated.isEmpty()) {
            return new Verdict(ReportClass.NOISE, "no readable certificate chain");
        }
        if (plan == null) {
            return new Verdict(ReportClass.NOISE, "no plan covers " + report.hostname());
        }
        if (!validated.isEmpty()) {
            ChainEntry root = validated.get(validated.size() - 1);
            if (!roots.isPublic(root.pin()) && validated.stream().noneMatch(c -> plan.roots().contains(c.pin()))) {
                return new Verdict(ReportClass.INTERCEPTION, "validated chain ends at " + name(root.subject())
                        + ", neither a public root nor one that " + plan.name() + "'s deployments trust");
            }
        }
        List<ChainEntry> checked = validated.isEmpty() ? served : validated;
        Set<Pin> chainPins = new HashSet<>();
        checked.forEach(c -> chainPins.add(c.pin()));
        if (chainPins.stream().noneMatch(plan::knows)) {
            ChainEntry leaf = checked.get(0);
            return new Verdict(ReportClass.UNEXPECTED_CHAIN,
                    "chain holds none of the plan's pins (leaf issued by " + name(leaf.issuer()) + ")");
        }
        if (held == null) {
            return new Verdict(ReportClass.NOISE, known.isEmpty()
                    ? "the report names no known pins"
                    : "the client holds pins that no header version of " + plan.site() + " carried");
        }
        if (chainPins.stream().noneMatch(held.pins()::contains)) {
            HeaderVersion newest = plan.newestVersion();
            String which = held == newest ? "the current header " + held.label()
                    : "the older header " + held.label() + " (newest " + newest.label() + ")";
            return new Verdict(ReportClass.ROLLOVER_MISTAKE,
                    "served key is ours but not pinned by " + which + " that the client holds");
        }
        return new Verdict(ReportClass.NOISE, "the chain satisfies header " + held.label() + " that the client holds");
    }

    /** The header version whose pins equal the known pins, else the one sharing most of them. */
    private static HeaderVersion heldVersion(SitePlan plan, List<Pin> known) {
        if (known.isEmpty()) {
            return null;
        }
        Set<Pin> knownSet = new HashSet<>(known);
        HeaderVersion best = null;
        long bestShared = 0;
        for (HeaderVersion version : plan.headerVersions()) {
            if (version.pins().equals(knownSet)) {
                return version;
            }
            long shared = version.pins().stream().filter(knownSet::contains).count();
            if (shared > bestShared) {
                best = version;
                bestShared = shared;
            }
        }
        return best;
    }

    private List<ChainEntry> chain(List<String> pems) {
        List<ChainEntry> chain = new ArrayList<>(pems.size());
        for (String pem : pems) {
            Optional<ChainEntry> entry = certificates.get(pem);
            if (entry == null) {
                if (certificates.size() >= CACHED_CERTIFICATES) {
                    certificates.clear();
                }
                entry = Optional.ofNullable(certificate(pem));
                certificates.put(pem, entry);
            }
            entry.ifPresent(chain::add);
        }
        return chain;
    }

    private static ChainEntry certificate(String pem) {
        byte[] bytes = pem.getBytes(StandardCharsets.ISO_8859_1);
        List<KeyMaterial> found = new ArrayList<>(1);
        try {
            new KeyMaterialReader(null).read(new ByteArrayInputStream(bytes), found::add);
        } catch (UnreadableInputException | RuntimeException e) {
            return null;
        }
        if (found.isEmpty() || found.get(0).kind() != MaterialKind.CERTIFICATE) {
            return null;
        }
        KeyMaterial leaf = found.get(0);
        return new ChainEntry(leaf.subject(), issuer(bytes), leaf.pin());
    }

    private static String issuer(byte[] pem) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            return certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    private static List<Pin> knownPins(List<String> texts) {
        List<Pin> pins = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (!text.strip().startsWith("pin-sha256")) {
                continue; // other hash algorithms are not pins we can match
            }
            try {
                pins.add(Pin.parse(text));
            } catch (IllegalArgumentException e) {
                // an unreadable pin is ignored; the report is judged on the others
            }
        }
        return pins;
    }

    private static String name(String distinguishedName) {
        return distinguishedName == null ? "an unreadable name" : distinguishedName;
    }
}
