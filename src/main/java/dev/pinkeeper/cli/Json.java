package dev.pinkeeper.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.keys.InventoryJson;
import dev.pinkeeper.pin.Pin;

/**
 * The JSON side of every command's output: one Jackson mapper, and one document per run printed on
 * standard output followed by a new line. A typed result (a record) is rendered as it is, with an
 * {@link Instant} written as its ISO-8601 text, a {@link Pin} as its base64 value and a {@link Path} as
 * its text.
 */
final class Json {
    private static final ObjectMapper MAPPER = InventoryJson.mapper().copy().registerModule(new SimpleModule("pinkeeper")
            .addSerializer(Instant.class, ToStringSerializer.instance)
            .addSerializer(Pin.class, ToStringSerializer.instance)
            .addSerializer(Path.class, ToStringSerializer.instance));

    private Json() {
    }

    /** The mapper every command renders with. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new empty JSON object. */
    static ObjectNode object() {
        return mapper().createObjectNode();
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

    /** {@code document} on one line (no indentation). */
    static String line(Object document) {
        try {
            return mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints {@link #line} of {@code document} and a new line on standard output. */
    static void printLine(Object document) {
        System.out.println(line(document));
        System.out.flush();
    }

    /** Prints {@code document} and a new line on standard output. */
    static void print(Object document) {
        print(System.out, document);
    }
}
