package dev.pinkeeper.pin;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Pin validation as a user agent does it (RFC 7469 §2.6): first build the validated chain from
 * the served certificates to a trust anchor with the JDK's PKIX path builder (revocation off) —
 * served order and superfluous certificates do not matter and the anchor need not be served —
 * then accept the connection if any certificate of that chain, anchor included, has a pinned key.
 *
 * <p>Excluded pins mirror Chromium's static pins: a validated chain holding an excluded key is
 * refused even when another key is pinned.
 *
 * <pre>{@code
 * PinValidation v = ChainValidator.withJdkTrustStore()
 *         .check(servedChain, pins, Set.of(), "www.example.com", Instant.now());
 * if (!v.accepted()) System.err.println(v.reason());
 * }</pre>
 *
 * Instances are immutable and thread-safe.
 */
public final class ChainValidator {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_USAGE = "2.5.29.37.0";

    private final Set<TrustAnchor> anchors;

    /** Validates against these trusted certificates (roots, or any certificate to trust as an anchor). */
    public ChainValidator(Collection<X509Certificate> trusted) {
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor");
        }
        Set<TrustAnchor> set = new LinkedHashSet<>();
        for (X509Certificate certificate : trusted) {
            set.add(new TrustAnchor(certificate, null));
        }
        this.anchors = Set.copyOf(set);
    }

    /** Validates against the JDK's default trust store (cacerts, or {@code javax.net.ssl.trustStore}). */
    public static ChainValidator withJdkTrustStore() {
        return new ChainValidator(jdkTrustedCertificates());
    }

    /** The certificates the JDK's default trust manager trusts. */
    public static List<X509Certificate> jdkTrustedCertificates() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return Arrays.asList(x509.getAcceptedIssuers());
                }
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a served chain against a pin set.
     *
     * @param served   the certificates as served, leaf first (others in any order, extras allowed)
     * @param pins     the pin set a user agent holds for the host
     * @param excluded keys that must not appear in the validated chain
     * @param host     the host name the leaf must be valid for, or null not to check it
     * @param at       the time of the connection
     */
    public PinValidation check(List<X509Certificate> served, Collection<Pin> pins, Collection<Pin> excluded,
            String host, Instant at) {
        if (served.isEmpty()) {
            throw new IllegalArgumentException("empty served chain");
        }
        Objects.requireNonNull(at, "at");
        List<ChainCertificate> servedChain = served.stream().map(c -> ChainCertificate.of(c, pins)).toList();
        List<X509Certificate> path;
        try {
            path = build(served, host, at);
        } catch (InvalidChainException e) {
            return new PinValidation(false, "chain does not validate: " + e.getMessage(), false, servedChain,
                    List.of(), List.copyOf(new LinkedHashSet<>(pins)));
        }
        List<ChainCertificate> validated = path.stream().map(c -> ChainCertificate.of(c, pins)).toList();
        Set<Pin> chainPins = new LinkedHashSet<>();
        validated.forEach(c -> chainPins.add(c.pin()));
        List<Pin> backups = new LinkedHashSet<>(pins).stream().filter(p -> !chainPins.contains(p)).toList();

        for (ChainCertificate certificate : validated) {
            if (excluded.contains(certificate.pin())) {
                return new PinValidation(false, "the validated chain holds an excluded key: " + certificate.pin()
                        + " (" + certificate.subject() + ")", true, servedChain, validated, backups);
            }
        }
        for (int i = 0; i < validated.size(); i++) {
            ChainCertificate certificate = validated.get(i);
            if (certificate.pinned()) {
                return new PinValidation(true, "pin " + certificate.pin() + " matches the " + role(i, validated.size())
                        + " " + certificate.subject(), true, servedChain, validated, backups);
            }
        }
        return new PinValidation(false, pins.isEmpty() ? "the pin set is empty"
                : "no pin matches a key of the validated chain (" + validated.size() + " certificates)",
                true, servedChain, validated, backups);
    }

    /**
     * Builds the validated chain, leaf first and trust anchor last.
     *
     * @throws InvalidChainException with a one-line reason when no chain validates
     */
    public List<X509Certificate> build(List<X509Certificate> served, String host, Instant at)
            throws InvalidChainException {
        X509Certificate leaf = served.get(0);
        checkServerUsage(leaf);
        if (host != null && !HostnameMatcher.matches(leaf, host)) {
            List<String> names = HostnameMatcher.names(leaf);
            throw new InvalidChainException("the leaf certificate is not valid for " + host + " (it names "
                    + (names.isEmpty() ? "no DNS name" : String.join(", ", names)) + ")");
        }
        for (TrustAnchor anchor : anchors) {
            if (anchor.getTrustedCert().equals(leaf)) {
                checkValidity(leaf, at);
                return List.of(leaf);
            }
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(served)));
            PKIXCertPathBuilderResult result =
                    (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            List<X509Certificate> chain = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(c -> chain.add((X509Certificate) c));
            chain.add(result.getTrustAnchor().getTrustedCert());
            return chain;
        } catch (CertPathBuilderException e) {
            throw new InvalidChainException(diagnose(served, at, e));
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's PKIX path builder is unavailable", e);
        }
    }

    private static void checkServerUsage(X509Certificate leaf) throws InvalidChainException {
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(SERVER_AUTH) && !usages.contains(ANY_USAGE)) {
                throw new InvalidChainException("the leaf certificate is not for TLS servers"
                        + " (its extended key usage lacks serverAuth): " + subject(leaf));
            }
        } catch (CertificateParsingException e) {
            throw new InvalidChainException("the leaf certificate's extended key usage is malformed");
        }
    }

    /** Names the most likely cause of a failed build: a certificate out of its validity, or no path. */
    private static String diagnose(List<X509Certificate> served, Instant at, CertPathBuilderException e)
            throws InvalidChainException {
        for (X509Certificate certificate : served) {
            try {
                checkValidity(certificate, at);
            } catch (InvalidChainException expired) {
                if (certificate == served.get(0) || issuesInto(certificate, served)) {
                    return expired.getMessage();
                }
            }
        }
        X509Certificate leaf = served.get(0);
        String cause = e.getMessage() == null ? "" : e.getMessage();
        if (cause.contains("unable to find valid certification path") || cause.isBlank()) {
            return "no path from " + subject(leaf) + " to a trust anchor (issuer "
                    + leaf.getIssuerX500Principal().getName(X500Principal.RFC2253) + " not trusted or not served)";
        }
        return "no valid path from " + subject(leaf) + " to a trust anchor: " + cause.replaceAll("\\s+", " ");
    }

    private static boolean issuesInto(X509Certificate certificate, List<X509Certificate> served) {
        for (X509Certificate other : served) {
            if (other != certificate && other.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
                return true;
            }
        }
        return false;
    }

    private static void checkValidity(X509Certificate certificate, Instant at) throws InvalidChainException {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException e) {
            throw new InvalidChainException(subject(certificate) + " expired at "
                    + certificate.getNotAfter().toInstant() + " (checked at " + at + ")");
        } catch (CertificateNotYetValidException e) {
            throw new InvalidChainException(subject(certificate) + " is not valid before "
                    + certificate.getNotBefore().toInstant() + " (checked at " + at + ")");
        }
    }

    private static String role(int index, int length) {
        if (index == 0) {
            return length == 1 ? "trusted leaf" : "leaf";
        }
        return index == length - 1 ? "trust anchor" : "intermediate";
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** No chain from the served certificates to a trust anchor validates; the message says why. */
    public static final class InvalidChainException extends Exception {
        public InvalidChainException(String message) {
            super(message);
        }
    }
}
