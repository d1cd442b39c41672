package dev.pinkeeper.analyse;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pinkeeper.catalogue.CaCatalogue;
import dev.pinkeeper.catalogue.CaKey;
import dev.pinkeeper.catalogue.CaRole;
import dev.pinkeeper.pin.ChainCertificate;
import dev.pinkeeper.pin.ChainValidator;
import dev.pinkeeper.pin.HeaderCheck;
import dev.pinkeeper.pin.HeaderParse;
import dev.pinkeeper.pin.HostnameMatcher;
import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PinValidation;
import dev.pinkeeper.pin.PkpHeaderParser;
import dev.pinkeeper.pin.UserAgent;

/**
 * Analyses a Public-Key-Pins header against the chain a server sends: names every pin (the leaf's
 * key, an intermediate, a root, a well-known CA key from the {@link CaCatalogue}, or an unknown key
 * that must be a backup the site holds) and reports what would break — no backup pin, pins that
 * match nothing, pins of a CA shared with all its customers, intermediates that rotate, a single CA,
 * a max-age that outlives the pinned certificate, includeSubDomains, no report-uri or one that Chromium
 * would never send reports to (on the pinned host, or under it with includeSubDomains).
 *
 * <pre>{@code
 * HeaderAnalysis a = new HeaderAnalyser(CaCatalogue.bundled())
 *         .analyse(ChainValidator.withJdkTrustStore(), servedChain, headerValue, Instant.now());
 * a.findings().forEach(f -> System.out.println(f.severity() + " " + f.message()));
 * }</pre>
 */
public final class HeaderAnalyser {
    /** Chrome's and Firefox's cap on max-age: 60 days. */
    static final long BROWSER_MAX_AGE_CAP = 60L * 24 * 3600;
    /** Longest max-age looked at (100 years): max-age may be written up to 2^63 - 1. */
    private static final long MAX_AGE_HORIZON = 100L * 365 * 24 * 3600;

    private final CaCatalogue catalogue;

    public HeaderAnalyser(CaCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Analyses {@code headerValue} (an enforcing Public-Key-Pins value) against {@code served} at {@code at}. */
    public HeaderAnalysis analyse(ChainValidator validator, List<X509Certificate> served, String headerValue,
            Instant at) {
        return analyse(validator, served, headerValue, false, null, at);
    }

    /**
     * Analyses a Public-Key-Pins or, with {@code reportOnly}, Public-Key-Pins-Report-Only value served
     * for {@code host} (null: the leaf's names are not checked). A report-only header enforces nothing,
     * so its max-age is not weighed against the chain.
     */
    public HeaderAnalysis analyse(ChainValidator validator, List<X509Certificate> served, String headerValue,
            boolean reportOnly, String host, Instant at) {
        HeaderCheck check = HeaderCheck.check(validator, served, UserAgent.RFC, headerValue, reportOnly, List.of(),
                host, at);
        PinValidation validation = check.validation();
        Map<Pin, List<CaKey>> known = new HashMap<>();
        for (ChainCertificate c : validation.servedChain()) {
            known.put(c.pin(), catalogue.lookup(c.pin()));
        }
        for (ChainCertificate c : validation.validatedChain()) {
            known.put(c.pin(), catalogue.lookup(c.pin()));
        }
        // pins are placed in the validated chain, or, when none validates, in the chain as served
        List<ChainCertificate> reference = validation.chainValid() ? validation.validatedChain()
                : validation.servedChain();
        List<PinRole> roles = new ArrayList<>();
        for (Pin pin : check.parse().pins()) {
            int index = -1;
            String subject = null;
            for (int i = 0; i < reference.size(); i++) {
                if (reference.get(i).pin().equals(pin)) {
                    index = i;
                    subject = reference.get(i).subject();
                    break;
                }
            }
            known.put(pin, catalogue.lookup(pin));
            roles.add(new PinRole(pin, subject, index, catalogue.lookup(pin)));
        }
        List<Finding> findings = new ArrayList<>();
        Findings f = new Findings(findings);
        if (!check.parse().valid()) {
            f.error("header-invalid", "the header is not valid (RFC 7469 §2.1): " + check.parse().error(),
                    "write it as pin-sha256=\"<base64>\"; pin-sha256=\"<backup>\"; max-age=<seconds>; "
                            + "report-uri=\"<url>\" (pinkeeper header build makes one)");
        }
        if (!validation.chainValid()) {
            f.error("chain-invalid", validation.reason(),
                    "serve the leaf first, then its intermediates, with a certificate valid now from a trusted CA");
        }
        if (check.parse().valid()) {
            pinFindings(f, check, roles, validation, at);
            reportUriFindings(f, check.parse(), host, served);
            otherBrowsers(f, validator, served, headerValue, reportOnly, host, at, check);
        }
        findings.sort(Comparator.comparing(Finding::severity));
        return new HeaderAnalysis(at, check, roles, known, findings);
    }

    private void pinFindings(Findings f, HeaderCheck check, List<PinRole> roles, PinValidation validation,
            Instant at) {
        HeaderParse parse = check.parse();
        boolean chainValid = validation.chainValid();
        if (chainValid && roles.stream().allMatch(PinRole::backup)) {
            f.error("no-chain-pin", "no pin matches a certificate of the validated chain: browsers would not note "
                    + "this header and clients enforcing these pins would refuse this server",
                    "add the pin of the current key (the leaf) or of a CA certificate in this chain");
        }
        if (chainValid && roles.stream().noneMatch(PinRole::backup)) {
            f.error("no-backup-pin", "no backup pin: every pin is in the current chain, so losing that key or "
                    + "changing CA locks visitors out for max-age",
                    "generate a backup key, keep it offline and add its pin (pinkeeper pin backup.pub)");
        }
        Set<String> operators = new LinkedHashSet<>();
        boolean ownKey = false;
        for (PinRole role : roles) {
            CaKey ca = role.known().isEmpty() ? null : role.known().get(0);
            boolean chainCa = role.chainIndex() > 0;
            if (role.leaf() || role.unknown()) {
                ownKey = true;
            }
            if (ca != null) {
                operators.add(ca.operator());
                String names = describe(role.known());
                if (ca.role() == CaRole.INTERMEDIATE) {
                    f.warning("pins-intermediate", "pin " + role.pin() + " is " + names + "; " + ca.operator()
                            + " rotates intermediates without notice, so the next certificate may chain to "
                            + "another intermediate that no pin matches",
                            "pin your own keys (current and backup) or the CA's root rather than an intermediate");
                } else {
                    f.note("pins-ca-root", "pin " + role.pin() + " is " + names + ", shared with every customer of "
                            + ca.operator() + ": any certificate it issues for your names passes this pin", null);
                }
            } else if (chainCa) {
                operators.add(role.chainSubject());
                boolean root = role.chainIndex() == validation.validatedChain().size() - 1
                        || validation.validatedChain().isEmpty() && validation.servedChain().get(role.chainIndex()).selfIssued();
                f.note(root ? "pins-ca-root" : "pins-intermediate", "pin " + role.pin() + " is the "
                        + (root ? "trust anchor " : "intermediate ") + role.chainSubject()
                        + " of this chain: shared with every certificate that CA issues"
                        + (root ? "" : ", and CAs may switch intermediates at renewal"), null);
            } else if (role.unknown()) {
                f.note("unknown-pin", "pin " + role.pin() + " matches no certificate of this chain and no known CA "
                        + "key: it must be a backup key you hold (keep it offline, never on the server)", null);
            }
        }
        if (operators.size() == 1 && !ownKey) {
            f.warning("single-ca", "every pin is a key of one CA (" + operators.iterator().next() + "): if you must "
                    + "move to another CA, no new certificate could match",
                    "add a backup pin of your own key, or of a second CA's root");
        }
        if (!parse.header().reportOnly()) {
            maxAgeFindings(f, parse, roles, validation, at);
        }
        if (parse.includeSubDomains()) {
            f.warning("include-subdomains", "includeSubDomains: every subdomain must serve a chain matching these "
                    + "pins, including ones hosted elsewhere (blog, mail, CDN) — one that does not is locked out",
                    "drop includeSubDomains unless every subdomain uses these keys or CAs");
        }
        if (parse.reportUri() == null) {
            f.warning("no-report-uri", "no report-uri: you will not hear about pin validation failures",
                    "add report-uri=\"https://<your collector>/\" (pinkeeper collector), on another host than this one");
        }
    }

    /**
     * Where reports would never arrive from Chromium. Its rule (transport_security_state.cc,
     * {@code IsReportUriValidForHost}): no report is sent when the report-uri's host is the host whose
     * pins failed and its scheme is cryptographic (https), to avoid a report loop, since that upload
     * would fail the same pins. Under includeSubDomains a report host below the pinned host is held to
     * the same pins: its own failures are never reported, and the others are lost whenever the failure
     * reaches it too (an interception proxy, a CA change).
     *
     * @param host the host the header is served for, or null: then every name of the leaf
     */
    private static void reportUriFindings(Findings f, HeaderParse parse, String host, List<X509Certificate> served) {
        URI uri;
        try {
            uri = parse.reportUri() == null ? null : new URI(parse.reportUri());
        } catch (URISyntaxException e) {
            return; // the header check says what is wrong with it
        }
        if (uri == null || uri.getHost() == null || served.isEmpty()) {
            return;
        }
        String reportHost = HostnameMatcher.normalize(uri.getHost());
        boolean https = "https".equalsIgnoreCase(uri.getScheme()) || "wss".equalsIgnoreCase(uri.getScheme());
        X509Certificate leaf = served.get(0);
        boolean pinnedHost = host != null ? HostnameMatcher.normalize(host).equals(reportHost)
                : HostnameMatcher.matches(leaf, reportHost);
        if (pinnedHost && https) {
            f.warning("report-uri-on-pinned-host", "report-uri is on " + reportHost + ", the host these pins guard: "
                    + "Chromium sends no pin violation report over HTTPS to the host whose pins failed (the upload "
                    + "would fail the same pins), so no report for " + reportHost + " ever arrives",
                    "send reports to a collector on another host, outside these pins (another domain, or one not "
                            + "covered by includeSubDomains)");
            return;
        }
        if (!parse.includeSubDomains()) {
            return;
        }
        List<String> pinned = host != null ? List.of(HostnameMatcher.normalize(host))
                : HostnameMatcher.names(leaf).stream().filter(n -> !n.startsWith("*.")).map(HostnameMatcher::normalize)
                        .toList();
        for (String name : pinned) {
            if (reportHost.endsWith("." + name)) {
                f.warning("report-uri-under-pinned-domain", "report-uri is on " + reportHost + ", which includeSubDomains "
                        + "puts under the pins of " + name + ": Chromium never sends a report of that host's own "
                        + "failures, and the others fail the same pins whenever the failure reaches it too (an "
                        + "interception proxy, a change of CA)",
                        "send reports to a collector on another domain, outside these pins");
                return;
            }
        }
    }

    private static void maxAgeFindings(Findings f, HeaderParse parse, List<PinRole> roles, PinValidation validation,
            Instant at) {
        Long maxAge = parse.maxAge();
        if (maxAge == null) {
            return;
        }
        if (maxAge == 0) {
            f.note("max-age-zero", "max-age=0: user agents forget the pins they hold for this host", null);
            return;
        }
        if (maxAge > BROWSER_MAX_AGE_CAP) {
            f.note("max-age-capped", "max-age of " + days(maxAge) + " days: Chrome and Firefox capped it at 60 days",
                    null);
        }
        if (validation.validatedChain().isEmpty()) {
            return;
        }
        Instant until = at.plusSeconds(Math.min(maxAge, MAX_AGE_HORIZON));
        ChainCertificate leaf = validation.validatedChain().get(0);
        Instant leafEnd = leaf.certificate().getNotAfter().toInstant();
        long leafDays = Math.max(0, Duration.between(at, leafEnd).toDays());
        boolean leafPinned = roles.stream().anyMatch(PinRole::leaf);
        if (until.isAfter(leafEnd)) {
            String text = "max-age (" + days(maxAge) + " days) outlives the leaf certificate (" + leafDays
                    + " days left, until " + LocalDate.ofInstant(leafEnd, ZoneOffset.UTC) + ")";
            if (leafPinned) {
                f.warning("max-age-outlives-leaf", text + ", whose key is pinned: the renewed certificate must keep "
                        + "this key or use the backup key, or visitors who saw this header are locked out",
                        "renew with the same key (e.g. certbot --reuse-key) or roll over to the backup key, "
                                + "publishing the next backup pin max-age before (pinkeeper plan)");
            } else {
                f.note("max-age-outlives-leaf", text + "; fine as long as renewed certificates chain to a pinned key",
                        null);
            }
        }
        for (PinRole role : roles) {
            if (role.chainIndex() > 0) {
                Instant end = validation.validatedChain().get(role.chainIndex()).certificate().getNotAfter().toInstant();
                if (until.isAfter(end) && roles.stream().noneMatch(PinRole::leaf)) {
                    f.warning("max-age-outlives-ca", "pin " + role.pin() + " is the key of " + role.chainSubject()
                            + ", which expires " + LocalDate.ofInstant(end, ZoneOffset.UTC) + ", before max-age runs out",
                            "pin a key that outlives max-age (your own key or the root)");
                }
            }
        }
    }

    /** Adds what Chrome and Firefox would do differently from the RFC. */
    private static void otherBrowsers(Findings f, ChainValidator validator, List<X509Certificate> served,
            String headerValue, boolean reportOnly, String host, Instant at, HeaderCheck rfc) {
        for (UserAgent ua : List.of(UserAgent.CHROME, UserAgent.FIREFOX)) {
            HeaderCheck check = HeaderCheck.check(validator, served, ua, headerValue, reportOnly, List.of(), host, at);
            if (check.noted() != rfc.noted() || check.parse().valid() != rfc.parse().valid()) {
                String what = !check.parse().valid() ? "ignores it: " + check.parse().error()
                        : check.noted() ? "would note it" : "would not note it: " + check.reason();
                if (check.noted() || reportOnly && ignoresReportOnly(ua)) {
                    f.note("ua-" + ua.label(), capitalised(ua) + " " + what, null);
                } else {
                    f.error("ua-" + ua.label(), capitalised(ua) + " " + what,
                            "make the header valid for every user agent");
                }
            }
        }
    }

    /** Whether {@code ua} ignores every Public-Key-Pins-Report-Only header (it never implemented them). */
    private static boolean ignoresReportOnly(UserAgent ua) {
        String sample = "pin-sha256=\"" + "A".repeat(43) + "=\"; pin-sha256=\"" + "B".repeat(43)
                + "=\"; max-age=60; report-uri=\"https://reports.example/\"";
        return !PkpHeaderParser.parse(ua, sample, true).valid();
    }

    private static String capitalised(UserAgent ua) {
        return ua == UserAgent.CHROME ? "Chrome" : ua == UserAgent.FIREFOX ? "Firefox" : "RFC 7469";
    }

    private static String describe(List<CaKey> keys) {
        List<String> names = new ArrayList<>();
        for (CaKey key : keys) {
            names.add(key.describe());
        }
        return String.join(" / ", names);
    }

    private static long days(long seconds) {
        return seconds / 86400;
    }

    /** Collects findings. */
    private record Findings(List<Finding> list) {
        void error(String code, String message, String fix) {
            list.add(new Finding(Severity.ERROR, code, message, fix));
        }

        void warning(String code, String message, String fix) {
            list.add(new Finding(Severity.WARNING, code, message, fix));
        }

        void note(String code, String message, String fix) {
            list.add(new Finding(Severity.NOTE, code, message, fix));
        }
    }
}
