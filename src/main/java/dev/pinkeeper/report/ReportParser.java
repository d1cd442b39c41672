package dev.pinkeeper.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads one violation report from a JSON body, strictly: the top level is an object, every
 * known field has its RFC 7469 type, duplicate keys and trailing data are refused. A body with
 * {@code app-bundle-id} is read as TrustKit's variant. Unknown fields are ignored. Thread-safe.
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

    private final ObjectMapper mapper;

    public ReportParser() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Parses a report from UTF-8 JSON. */
    public ViolationReport parse(byte[] json) throws MalformedReportException {
        JsonNode root;
        try (JsonParser parser = mapper.createParser(json)) {
            root = mapper.readTree(parser);
        } catch (IOException e) {
            throw new MalformedReportException("malformed JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedReportException("empty body");
        }
        if (!(root instanceof ObjectNode report)) {
            throw new MalformedReportException("a report is a JSON object, not " + root.getNodeType().name().toLowerCase());
        }
        String hostname = string(report, "hostname", true);
        if (hostname.isEmpty()) {
            throw new MalformedReportException("hostname is empty");
        }
        Integer port = integer(report, "port", 0, 65535);
        ViolationReport.AppInfo app = null;
        if (report.has("app-bundle-id")) {
            app = new ViolationReport.AppInfo(string(report, "app-bundle-id", true),
                    string(report, "app-version", false), string(report, "app-platform", false),
                    string(report, "app-vendor-id", false), integer(report, "validation-result", 0, 1000));
        }
        return new ViolationReport(app == null ? ReportFormat.RFC7469 : ReportFormat.TRUSTKIT,
                string(report, "date-time", false), hostname, port,
                string(report, "effective-expiration-date", false), bool(report, "include-subdomains"),
                string(report, "noted-hostname", false),
                strings(report, "served-certificate-chain", MAX_CHAIN_LENGTH, MAX_CERTIFICATE_LENGTH),
                strings(report, "validated-certificate-chain", MAX_CHAIN_LENGTH, MAX_CERTIFICATE_LENGTH),
                strings(report, "known-pins", MAX_KNOWN_PINS, MAX_FIELD_LENGTH), app);
    }

    private static String string(ObjectNode report, String field, boolean required) throws MalformedReportException {
        JsonNode node = report.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new MalformedReportException(field + " is missing");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new MalformedReportException(field + " must be a string");
        }
        String value = node.textValue();
        if (value.length() > MAX_FIELD_LENGTH) {
            throw new MalformedReportException(field + " is longer than " + MAX_FIELD_LENGTH + " characters");
        }
        return value;
    }

    private static Integer integer(ObjectNode report, String field, int min, int max) throws MalformedReportException {
        JsonNode node = report.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw new MalformedReportException(field + " must be an integer from " + min + " to " + max);
        }
        return node.intValue();
    }

    private static Boolean bool(ObjectNode report, String field) throws MalformedReportException {
        JsonNode node = report.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new MalformedReportException(field + " must be true or false");
        }
        return node.booleanValue();
    }

    private static List<String> strings(ObjectNode report, String field, int maxCount, int maxLength)
            throws MalformedReportException {
        JsonNode node = report.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new MalformedReportException(field + " must be an array of strings");
        }
        if (node.size() > maxCount) {
            throw new MalformedReportException(field + " has more than " + maxCount + " entries");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw new MalformedReportException(field + " must be an array of strings");
            }
            if (element.textValue().length() > maxLength) {
                throw new MalformedReportException(field + " has an entry longer than " + maxLength + " characters");
            }
            values.add(element.textValue());
        }
        return values;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        return line.length() > 160 ? line.substring(0, 160) : line;
    }
}
