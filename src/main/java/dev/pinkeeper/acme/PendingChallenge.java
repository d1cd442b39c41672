package dev.pinkeeper.acme;

/**
 * One challenge a solver must answer, in plain values.
 *
 * @param type     {@value #HTTP_01} or {@value #DNS_01}
 * @param domain   the domain being validated (without a leading {@code *.} for wildcards)
 * @param token    the challenge token (the file name under {@code /.well-known/acme-challenge/} for http-01)
 * @param response what to publish: the key authorization (http-01 file content) or the TXT value (dns-01)
 */
public record PendingChallenge(String type, String domain, String token, String response) {
    /** The http-01 challenge type. */
    public static final String HTTP_01 = "http-01";
    /** The dns-01 challenge type. */
    public static final String DNS_01 = "dns-01";

    /** The URL path where http-01 expects {@link #response()}. */
    public String httpPath() {
        return "/.well-known/acme-challenge/" + token;
    }

    /** The DNS name where dns-01 expects a TXT record with {@link #response()}, with the final dot. */
    public String dnsRecordName() {
        return "_acme-challenge." + domain + ".";
    }
}
