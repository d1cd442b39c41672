package dev.pinkeeper.pin;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a server certificate is valid for a host name, the way browsers decide: only the
 * subject alternative names count (the subject CN is ignored), names compare case-insensitively,
 * and a wildcard is accepted only as the whole left-most label ({@code *.example.com}) standing
 * for exactly one label, never over a single-label suffix such as {@code *.com}.
 */
public final class HostnameMatcher {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostnameMatcher() {
    }

    /** The dNSName and iPAddress subject alternative names of {@code certificate}. */
    public static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if ((type == SAN_DNS || type == SAN_IP) && san.get(1) instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return names;
    }

    /** Whether {@code certificate} names {@code host} (a DNS name, IDN or IP literal). */
    public static boolean matches(X509Certificate certificate, String host) {
        String wanted = normalize(host);
        for (String name : names(certificate)) {
            if (matches(normalize(name), wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the (normalized) certificate name {@code pattern} covers {@code host}. */
    static boolean matches(String pattern, String host) {
        if (pattern.isEmpty() || host.isEmpty()) {
            return false;
        }
        if (isIpLiteral(host) || isIpLiteral(pattern)) {
            return isIpLiteral(host) && isIpLiteral(pattern) && sameAddress(pattern, host);
        }
        if (!pattern.startsWith("*.")) {
            return !pattern.contains("*") && pattern.equals(host);
        }
        String suffix = pattern.substring(1);  // ".example.com"
        if (suffix.contains("*") || suffix.indexOf('.', 1) < 0) {
            return false;  // a second wildcard, or "*.com"
        }
        if (!host.endsWith(suffix)) {
            return false;
        }
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && !label.contains(".");
    }

    private static boolean isIpLiteral(String name) {
        return name.contains(":") || name.matches("[0-9.]+");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            // literals only (checked above): no name lookup happens
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A host name as browsers compare it: ASCII (IDN), lower case, without a final dot or IPv6 brackets. */
    public static String normalize(String name) {
        String value = name.strip();
        if (value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            value = IDN.toASCII(value, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // leave it as written: it will simply not match
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
