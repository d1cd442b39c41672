package dev.pinkeeper.plan.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.pin.UserAgent;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.Durations;
import dev.pinkeeper.plan.HostTimeline;
import dev.pinkeeper.plan.Schedule;
import dev.pinkeeper.plan.ServedPeriod;

/**
 * Reads a scenario file (docs/scenario-format.md). Strict: an unknown field, a missing one or a
 * malformed value is an error naming its place in the file, e.g.
 * {@code hosts."example.com"[2].headers[0].maxAge: not a number of seconds}.
 */
public final class ScenarioReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Reads one scenario; {@code source} names the input in error messages' absence of a name field. */
    public Scenario read(InputStream in, String source) throws ScenarioException {
        JsonNode root = tree(in);
        fields(root, "", Set.of("name", "description", "expect", "userAgent", "now", "pins", "hosts"));
        String name = root.has("name") ? text(root.get("name"), "name") : source;
        String description = root.has("description") ? text(root.get("description"), "description") : null;
        Boolean expect = expect(root);
        UserAgent userAgent = userAgent(root);
        Instant now = root.has("now") ? instant(root.get("now"), "now") : null;
        Map<String, Pin> aliases = aliases(root);
        List<HostTimeline> timelines = timelines(root, aliases);
        try {
            return new Scenario(name, description, expect, userAgent, now, aliases, new Schedule(timelines));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("hosts: " + e.getMessage());
        }
    }

    /** The file as a JSON object. */
    private static JsonNode tree(InputStream in) throws ScenarioException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonParseException e) {
            throw new ScenarioException("not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new ScenarioException("cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException("a scenario is a JSON object");
        }
        return root;
    }

    /** The {@code expect} field: true for a lockout, false for none, null when absent. */
    private static Boolean expect(JsonNode root) throws ScenarioException {
        if (!root.has("expect")) {
            return null;
        }
        String value = text(root.get("expect"), "expect");
        if (!value.equals("lockout") && !value.equals("no-lockout")) {
            throw new ScenarioException("expect: \"lockout\" or \"no-lockout\", not \"" + value + "\"");
        }
        return value.equals("lockout");
    }

    /** The {@code userAgent} field ({@link UserAgent#RFC} when absent). */
    private static UserAgent userAgent(JsonNode root) throws ScenarioException {
        if (!root.has("userAgent")) {
            return UserAgent.RFC;
        }
        String value = text(root.get("userAgent"), "userAgent");
        try {
            return UserAgent.ofLabel(value); // as --ua reads it
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("userAgent: " + e.getMessage(), e);
        }
    }

    /** The {@code pins} field: alias to pin, in the file's order. */
    private static Map<String, Pin> aliases(JsonNode root) throws ScenarioException {
        Map<String, Pin> aliases = new LinkedHashMap<>();
        if (root.has("pins")) {
            JsonNode pins = object(root.get("pins"), "pins");
            for (Iterator<Map.Entry<String, JsonNode>> it = pins.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = "pins." + quote(entry.getKey());
                aliases.put(entry.getKey(), parsePin(text(entry.getValue(), path), path));
            }
        }
        return aliases;
    }

    /** The {@code hosts} field: each host's timeline. */
    private static List<HostTimeline> timelines(JsonNode root, Map<String, Pin> aliases) throws ScenarioException {
        if (!root.has("hosts")) {
            throw new ScenarioException("hosts: missing (an object: host name → list of served intervals)");
        }
        JsonNode hosts = object(root.get("hosts"), "hosts");
        List<HostTimeline> timelines = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = hosts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "hosts." + quote(entry.getKey());
            timelines.add(timeline(entry.getKey(), entry.getValue(), path, aliases));
        }
        return timelines;
    }

    private static HostTimeline timeline(String host, JsonNode node, String path, Map<String, Pin> aliases)
            throws ScenarioException {
        if (!node.isArray()) {
            throw new ScenarioException(path + ": a list of served intervals");
        }
        List<ServedPeriod> intervals = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            intervals.add(served(node.get(i), path + "[" + i + "]", aliases));
        }
        try {
            return new HostTimeline(host, intervals);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(path + ": " + e.getMessage());
        }
    }

    private static ServedPeriod served(JsonNode node, String path, Map<String, Pin> aliases) throws ScenarioException {
        object(node, path);
        fields(node, path + ".", Set.of("from", "until", "headers", "chains", "note"));
        Instant from = instant(required(node, "from", path), path + ".from");
        Instant until = node.hasNonNull("until") ? instant(node.get("until"), path + ".until") : null;
        List<PkpHeader> headers = new ArrayList<>();
        if (node.has("headers")) {
            JsonNode list = array(node.get("headers"), path + ".headers");
            for (int i = 0; i < list.size(); i++) {
                headers.add(header(list.get(i), path + ".headers[" + i + "]", aliases));
            }
        }
        JsonNode chains = array(required(node, "chains", path), path + ".chains");
        List<Chain> chainList = new ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            chainList.add(chain(chains.get(i), path + ".chains[" + i + "]", aliases));
        }
        try {
            return new ServedPeriod(from, until, headers, chainList);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(path + ": " + e.getMessage());
        }
    }

    private static PkpHeader header(JsonNode node, String path, Map<String, Pin> aliases) throws ScenarioException {
        object(node, path);
        fields(node, path + ".", Set.of("reportOnly", "maxAge", "includeSubDomains", "reportUri", "pins"));
        boolean reportOnly = node.has("reportOnly") && bool(node.get("reportOnly"), path + ".reportOnly");
        Long maxAge = node.hasNonNull("maxAge") ? maxAge(node.get("maxAge"), path + ".maxAge") : null;
        boolean includeSubDomains = node.has("includeSubDomains")
                && bool(node.get("includeSubDomains"), path + ".includeSubDomains");
        String reportUri = node.hasNonNull("reportUri") ? text(node.get("reportUri"), path + ".reportUri") : null;
        List<Pin> pins = pins(required(node, "pins", path), path + ".pins", aliases);
        try {
            return new PkpHeader(reportOnly, maxAge, includeSubDomains, reportUri, pins);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(path + ": " + e.getMessage());
        }
    }

    private static Chain chain(JsonNode node, String path, Map<String, Pin> aliases) throws ScenarioException {
        String label = null;
        JsonNode pinsNode = node;
        if (node.isObject()) {
            fields(node, path + ".", Set.of("label", "pins"));
            label = node.hasNonNull("label") ? text(node.get("label"), path + ".label") : null;
            pinsNode = required(node, "pins", path);
            path = path + ".pins";
        }
        List<Pin> pins = pins(pinsNode, path, aliases);
        if (pins.isEmpty()) {
            throw new ScenarioException(path + ": a chain has at least one pin (the leaf's)");
        }
        return new Chain(label, pins);
    }

    private static List<Pin> pins(JsonNode node, String path, Map<String, Pin> aliases) throws ScenarioException {
        array(node, path);
        List<Pin> pins = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String value = text(node.get(i), path + "[" + i + "]");
            Pin pin = aliases.get(value);
            pins.add(pin != null ? pin : parsePin(value, path + "[" + i + "]"));
        }
        return pins;
    }

    private static Pin parsePin(String value, String path) throws ScenarioException {
        try {
            return Pin.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(path + ": \"" + value + "\" is neither a pin alias defined under \"pins\""
                    + " nor a base64 SHA-256 pin");
        }
    }

    /** A max-age of at most {@link Durations#LONGEST} (100 years), which no simulated time can overflow. */
    private static long maxAge(JsonNode node, String path) throws ScenarioException {
        long seconds = seconds(node, path);
        if (seconds > Durations.LONGEST.getSeconds()) {
            throw new ScenarioException(path + ": at most " + Durations.LONGEST.getSeconds()
                    + " seconds (100 years), not " + node.asText());
        }
        return seconds;
    }

    private static long seconds(JsonNode node, String path) throws ScenarioException {
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return node.asLong();
        }
        if (node.isTextual()) {
            try {
                Duration duration = Duration.parse(node.asText());
                if (!duration.isNegative()) {
                    return duration.getSeconds();
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new ScenarioException(path + ": not a number of seconds or an ISO-8601 duration (\"P60D\")");
    }

    /** A time in the years 0000 to 9999, to which any max-age can be added without overflow. */
    private static Instant instant(JsonNode node, String path) throws ScenarioException {
        String value = text(node, path);
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ScenarioException(path + ": not an ISO-8601 instant (\"2016-08-01T00:00:00Z\"): " + value);
        }
        if (instant.isBefore(Durations.EARLIEST) || instant.isAfter(Durations.LATEST)) {
            throw new ScenarioException(path + ": out of range (years 0000 to 9999): " + value);
        }
        return instant;
    }

    private static JsonNode required(JsonNode node, String field, String path) throws ScenarioException {
        if (!node.hasNonNull(field)) {
            throw new ScenarioException(path + "." + field + ": missing");
        }
        return node.get(field);
    }

    private static void fields(JsonNode node, String prefix, Set<String> allowed) throws ScenarioException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new ScenarioException(prefix + field + ": unknown field (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String path) throws ScenarioException {
        if (!node.isTextual()) {
            throw new ScenarioException(path + ": a string");
        }
        return node.asText();
    }

    private static boolean bool(JsonNode node, String path) throws ScenarioException {
        if (!node.isBoolean()) {
            throw new ScenarioException(path + ": true or false");
        }
        return node.asBoolean();
    }

    private static JsonNode object(JsonNode node, String path) throws ScenarioException {
        if (!node.isObject()) {
            throw new ScenarioException(path + ": an object");
        }
        return node;
    }

    private static JsonNode array(JsonNode node, String path) throws ScenarioException {
        if (!node.isArray()) {
            throw new ScenarioException(path + ": a list");
        }
        return node;
    }

    private static String quote(String key) {
        return "\"" + key + "\"";
    }
}
