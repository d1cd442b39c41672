package dev.pinkeeper.lifecycle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An {@link Instant} in a site's JSON files as ISO-8601 text ({@code 2027-03-01T00:00:00Z}), without a
 * Java-time module: {@link #module()} registers the writer and the {@link Reader}.
 */
final class InstantJson {
    private InstantJson() {
    }

    /** The module that writes and reads instants as ISO-8601 text. */
    static SimpleModule module() {
        return new SimpleModule("instants").addSerializer(Instant.class, ToStringSerializer.instance)
                .addDeserializer(Instant.class, new Reader());
    }

    /** Reads ISO-8601 text as an instant. */
    static final class Reader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return text == null || text.isEmpty() ? null : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IOException("not an ISO-8601 instant: " + text, e);
            }
        }
    }
}
