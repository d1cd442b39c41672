package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.InventoryJson;

/**
 * The JSON side of every command's output: one Jackson mapper, and one document per run printed on
 * standard output followed by a new line.
 */
final class Json {
    private Json() {
    }

    /** The mapper every command renders with. */
    static ObjectMapper mapper() {
        return InventoryJson.mapper();
    }

    /** A new empty JSON object. */
    static ObjectNode object() {
        return mapper().createObjectNode();
    }

    /** A new empty JSON array. */
    static ArrayNode array() {
        return mapper().createArrayNode();
    }

    /** {@code value} (a record, a map, a list…) as a JSON tree. */
    static JsonNode tree(Object value) {
        return mapper().valueToTree(value);
    }

    /** Prints {@code document} and a new line on {@code out}. */
    static void print(PrintStream out, Object document) {
        try {
            out.write(mapper().writeValueAsBytes(document));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints {@code document} and a new line on standard output. */
    static void print(Object document) {
        print(System.out, document);
    }
}
