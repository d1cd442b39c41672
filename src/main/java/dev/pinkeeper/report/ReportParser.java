package dev.pinkeeper.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Reads one violation report from a JSON body, strictly: the top level is an object, every
 * known field has its RFC 7469 type, duplicate keys and trailing data are refused. A body with
 * {@code app-bundle-id} is read as TrustKit's variant. Unknown fields are ignored. Reads the
 * tokens as they stream (no JSON tree is built), so it is cheap enough to run on the request
 * thread for every report. Thread-safe.
 */
public final class ReportParser {
    /** Most certificates accepted in one chain. */
    public static final int MAX_CHAIN_LENGTH = 16;
    /** Most known pins accepted in one report. */
    public static final int MAX_KNOWN_PINS = 64;
    /** Longest string accepted for a field other than a chain certificate. */
    public static final int MAX_FIELD_LENGTH = 1024;
    /** Longest PEM certificate accepted. */
    public static final int MAX_CERTIFICATE_LENGTH = 32 * 1024;

    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();

    /** The fields of one report as they are read, in any order. */
    private static final class Fields {
        String dateTime;
        String hostname;
        Integer port;
        String expiration;
        Boolean includeSubdomains;
        String notedHostname;
        List<String> served = List.of();
        List<String> validated = List.of();
        List<String> knownPins = List.of();
        boolean trustKit;
        String bundleId;
        String appVersion;
        String platform;
        String vendorId;
        Integer validationResult;
    }

    /** Parses a report from UTF-8 JSON. */
    public ViolationReport parse(byte[] json) throws MalformedReportException {
        Fields f = new Fields();
        try (JsonParser p = factory.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedReportException("empty body");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedReportException("a report is a JSON object, not " + kind(first));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                read(p, field, f);
            }
            if (p.nextToken() != null) {
                throw new MalformedReportException("malformed JSON: trailing data after the report");
            }
        } catch (IOException e) {
            throw new MalformedReportException("malformed JSON: " + firstLine(e.getMessage()));
        }
        if (f.hostname == null) {
            throw new MalformedReportException("hostname is missing");
        }
        if (f.hostname.isEmpty()) {
            throw new MalformedReportException("hostname is empty");
        }
        ViolationReport.AppInfo app = null;
        if (f.trustKit) {
            if (f.bundleId == null) {
                throw new MalformedReportException("app-bundle-id is missing");
            }
            app = new ViolationReport.AppInfo(f.bundleId, f.appVersion, f.platform, f.vendorId, f.validationResult);
        }
        return new ViolationReport(app == null ? ReportFormat.RFC7469 : ReportFormat.TRUSTKIT, f.dateTime, f.hostname,
                f.port, f.expiration, f.includeSubdomains, f.notedHostname, f.served, f.validated, f.knownPins, app);
    }

    private static void read(JsonParser p, String field, Fields f) throws IOException, MalformedReportException {
        switch (field) {
            case "date-time" -> f.dateTime = string(p, field);
            case "hostname" -> f.hostname = string(p, field);
            case "port" -> f.port = integer(p, field, 0, 65535);
            case "effective-expiration-date" -> f.expiration = string(p, field);
            case "include-subdomains" -> f.includeSubdomains = bool(p, field);
            case "noted-hostname" -> f.notedHostname = string(p, field);
            case "served-certificate-chain" -> f.served = strings(p, field, MAX_CHAIN_LENGTH, MAX_CERTIFICATE_LENGTH);
            case "validated-certificate-chain" ->
                f.validated = strings(p, field, MAX_CHAIN_LENGTH, MAX_CERTIFICATE_LENGTH);
            case "known-pins" -> f.knownPins = strings(p, field, MAX_KNOWN_PINS, MAX_FIELD_LENGTH);
            case "app-bundle-id" -> {
                f.trustKit = true;
                f.bundleId = string(p, field);
            }
            case "app-version" -> f.appVersion = string(p, field);
            case "app-platform" -> f.platform = string(p, field);
            case "app-vendor-id" -> f.vendorId = string(p, field);
            case "validation-result" -> f.validationResult = integer(p, field, 0, 1000);
            default -> skip(p);
        }
    }

    /** Skips an unknown value; its strings are still decoded, so invalid UTF-8 anywhere is refused. */
    private static void skip(JsonParser p) throws IOException {
        if (!p.currentToken().isStructStart()) {
            p.getText();
            return;
        }
        int depth = 0;
        do {
            JsonToken t = p.currentToken();
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            } else {
                p.getText();
            }
        } while (depth > 0 && p.nextToken() != null);
    }

    private static String string(JsonParser p, String field) throws IOException, MalformedReportException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new MalformedReportException(field + " must be a string");
        }
        String value = p.getText();
        if (value.length() > MAX_FIELD_LENGTH) {
            throw new MalformedReportException(field + " is longer than " + MAX_FIELD_LENGTH + " characters");
        }
        return withoutNul(value, field);
    }

    private static Integer integer(JsonParser p, String field, int min, int max)
            throws IOException, MalformedReportException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                || p.getIntValue() < min || p.getIntValue() > max) {
            throw new MalformedReportException(field + " must be an integer from " + min + " to " + max);
        }
        return p.getIntValue();
    }

    private static Boolean bool(JsonParser p, String field) throws MalformedReportException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> throw new MalformedReportException(field + " must be true or false");
        };
    }

    private static List<String> strings(JsonParser p, String field, int maxCount, int maxLength)
            throws IOException, MalformedReportException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedReportException(field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>(4);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_STRING) {
                throw new MalformedReportException(field + " must be an array of strings");
            }
            if (values.size() == maxCount) {
                throw new MalformedReportException(field + " has more than " + maxCount + " entries");
            }
            String value = p.getText();
            if (value.length() > maxLength) {
                throw new MalformedReportException(field + " has an entry longer than " + maxLength + " characters");
            }
            values.add(withoutNul(value, field));
        }
        return values;
    }

    /**
     * Refuses a NUL character in a field that is kept as text: PostgreSQL cannot store it, and
     * a journaled report the database refuses would hold up every report after it.
     */
    private static String withoutNul(String value, String field) throws MalformedReportException {
        if (value.indexOf('\0') >= 0) {
            throw new MalformedReportException(field + " holds a NUL character");
        }
        return value;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "JSON";
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        return line.length() > 160 ? line.substring(0, 160) : line;
    }
}
