package dev.pinkeeper.report;

import java.util.List;
import java.util.stream.Collectors;

/** Builds report bodies as clients send them. */
public final class Reports {
    private Reports() {
    }

    /** A Chromium (RFC 7469 §3) report. */
    public static String chromium(String hostname, List<String> served, List<String> validated, List<String> knownPins) {
        return "{\"date-time\":\"2026-11-22T10:00:00Z\",\"hostname\":" + quote(hostname) + ",\"port\":443,"
                + "\"effective-expiration-date\":\"2027-01-01T00:00:00Z\",\"include-subdomains\":false,"
                + "\"noted-hostname\":" + quote(hostname) + ","
                + "\"served-certificate-chain\":" + array(served) + ",\"validated-certificate-chain\":" + array(validated)
                + ",\"known-pins\":" + array(knownPins) + "}";
    }

    /** A TrustKit report. */
    public static String trustKit(String bundleId, String hostname, List<String> validated, List<String> knownPins) {
        return "{\"app-bundle-id\":" + quote(bundleId) + ",\"app-version\":\"1.0\",\"app-platform\":\"IOS\","
                + "\"app-vendor-id\":\"00000000-0000-0000-0000-000000000000\",\"date-time\":\"2026-11-22T10:00:00Z\","
                + "\"hostname\":" + quote(hostname) + ",\"port\":443,\"include-subdomains\":false,"
                + "\"noted-hostname\":" + quote(hostname) + ",\"validated-certificate-chain\":" + array(validated)
                + ",\"known-pins\":" + array(knownPins) + ",\"validation-result\":1}";
    }

    static String array(List<String> values) {
        return values.stream().map(Reports::quote).collect(Collectors.joining(",", "[", "]"));
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
