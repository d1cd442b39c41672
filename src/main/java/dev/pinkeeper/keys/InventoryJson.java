package dev.pinkeeper.keys;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.pin.Pin;

/** The JSON form of an inventory version and of a key entry (also used by {@code keys list --json}). */
public final class InventoryJson {
    /** Format number written in every version file. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private InventoryJson() {
    }

    /** The inventory version as a JSON tree. */
    public static ObjectNode toJson(SiteInventory inventory) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("site", inventory.site());
        ArrayNode domains = root.putArray("domains");
        inventory.domains().forEach(domains::add);
        root.put("version", inventory.version());
        root.put("written", inventory.written().toString());
        root.put("change", inventory.change());
        ArrayNode keys = root.putArray("keys");
        inventory.keys().forEach(key -> keys.add(toJson(key)));
        return root;
    }

    /** One key entry as a JSON object (null times are written as null). */
    public static ObjectNode toJson(KeyEntry key) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", key.id());
        node.put("role", key.role().label());
        node.put("algorithm", key.algorithm().label());
        node.put("pin", key.pin().base64());
        node.put("created", key.created().toString());
        node.put("publishedSince", text(key.publishedSince()));
        node.put("safeFrom", text(key.safeFrom()));
        node.put("offline", key.offline());
        node.put("privateKeyFile", key.privateKeyFile());
        node.put("nextFor", key.nextFor());
        node.put("retired", text(key.retired()));
        if (key.compromised() != null) {
            node.put("compromised", key.compromised().toString());
        }
        return node;
    }

    /** Serialized bytes of a version file. */
    public static byte[] bytes(SiteInventory inventory) throws IOException {
        return MAPPER.writeValueAsBytes(toJson(inventory));
    }

    /** The shared mapper (indented output). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a version file. */
    public static SiteInventory parse(byte[] json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        int format = required(root, "format").asInt();
        if (format != FORMAT) {
            throw new IOException("inventory format " + format + " is not supported (expected " + FORMAT + ")");
        }
        List<String> domains = new ArrayList<>();
        required(root, "domains").forEach(d -> domains.add(d.asText()));
        List<KeyEntry> keys = new ArrayList<>();
        for (JsonNode key : required(root, "keys")) {
            keys.add(parseKey(key));
        }
        return new SiteInventory(required(root, "site").asText(), domains, required(root, "version").asInt(),
                Instant.parse(required(root, "written").asText()), root.path("change").asText(""), keys);
    }

    private static KeyEntry parseKey(JsonNode key) throws IOException {
        try {
            return new KeyEntry(required(key, "id").asText(), KeyRole.parse(required(key, "role").asText()),
                    KeyAlgorithm.parse(required(key, "algorithm").asText()), Pin.parse(required(key, "pin").asText()),
                    Instant.parse(required(key, "created").asText()), instant(key, "publishedSince"),
                    instant(key, "safeFrom"), key.path("offline").asBoolean(false), optionalText(key, "privateKeyFile"),
                    optionalText(key, "nextFor"), instant(key, "retired"), instant(key, "compromised"));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IOException("key " + key.path("id").asText("?") + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException("missing field '" + field + "'");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = optionalText(node, field);
        return value == null ? null : Instant.parse(value);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
