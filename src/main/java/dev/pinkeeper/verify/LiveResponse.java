package dev.pinkeeper.verify;

import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a site served on one HTTPS connection.
 *
 * @param site        the site asked for
 * @param address     the IP address and port connected to, e.g. {@code 127.0.0.1:8443}
 * @param tlsVersion  the negotiated protocol, e.g. {@code TLSv1.3}
 * @param cipherSuite the negotiated cipher suite
 * @param servedChain the certificates the server sent, in order (leaf first), not validated
 * @param status      the HTTP status code
 * @param headers     the response header fields, names in lower case, values in the order received
 */
public record LiveResponse(SiteAddress site, String address, String tlsVersion, String cipherSuite,
        List<X509Certificate> servedChain, int status, Map<String, List<String>> headers) {
    public LiveResponse {
        servedChain = List.copyOf(servedChain);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** Every value of the header field {@code name} (any case), in the order received; empty when absent. */
    public List<String> values(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
