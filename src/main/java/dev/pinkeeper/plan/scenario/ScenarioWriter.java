package dev.pinkeeper.plan.scenario;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.PkpHeader;
import dev.pinkeeper.pin.UserAgent;
import dev.pinkeeper.plan.Chain;
import dev.pinkeeper.plan.HostTimeline;
import dev.pinkeeper.plan.ServedPeriod;

/**
 * Writes a scenario in the format {@link ScenarioReader} reads (pins by alias where the scenario
 * defines one), so a plan's served history can be recorded and simulated later.
 */
public final class ScenarioWriter {
    /** Writes {@code scenario} as pretty-printed JSON (the stream is left open). */
    public void write(Scenario scenario, OutputStream out) throws IOException {
        JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("name", scenario.name());
        if (scenario.description() != null) {
            json.writeStringField("description", scenario.description());
        }
        if (scenario.expectLockout() != null) {
            json.writeStringField("expect", scenario.expectLockout() ? "lockout" : "no-lockout");
        }
        if (scenario.userAgent() != UserAgent.RFC) {
            json.writeStringField("userAgent", scenario.userAgent().label());
        }
        if (scenario.now() != null) {
            json.writeStringField("now", scenario.now().toString());
        }
        if (!scenario.pins().isEmpty()) {
            json.writeObjectFieldStart("pins");
            for (Map.Entry<String, Pin> alias : new java.util.TreeMap<>(scenario.pins()).entrySet()) {
                json.writeStringField(alias.getKey(), alias.getValue().base64());
            }
            json.writeEndObject();
        }
        json.writeObjectFieldStart("hosts");
        for (HostTimeline timeline : scenario.schedule().hosts()) {
            json.writeArrayFieldStart(timeline.host());
            for (ServedPeriod served : timeline.intervals()) {
                writeServed(json, served, scenario);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }

    /** One interval of a host's timeline: its span, the headers and the chains served. */
    private static void writeServed(JsonGenerator json, ServedPeriod served, Scenario scenario) throws IOException {
        json.writeStartObject();
        json.writeStringField("from", served.from().toString());
        if (served.until() != null) {
            json.writeStringField("until", served.until().toString());
        }
        json.writeArrayFieldStart("headers");
        for (PkpHeader header : served.headers()) {
            writeHeader(json, header, scenario);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("chains");
        for (Chain chain : served.chains()) {
            json.writeStartObject();
            if (chain.label() != null) {
                json.writeStringField("label", chain.label());
            }
            writePins(json, chain.pins(), scenario);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeHeader(JsonGenerator json, PkpHeader header, Scenario scenario) throws IOException {
        json.writeStartObject();
        if (header.reportOnly()) {
            json.writeBooleanField("reportOnly", true);
        }
        if (header.maxAge() != null) {
            json.writeNumberField("maxAge", header.maxAge());
        }
        if (header.includeSubDomains()) {
            json.writeBooleanField("includeSubDomains", true);
        }
        if (header.reportUri() != null) {
            json.writeStringField("reportUri", header.reportUri());
        }
        writePins(json, header.pins(), scenario);
        json.writeEndObject();
    }

    private static void writePins(JsonGenerator json, java.util.List<Pin> pins, Scenario scenario) throws IOException {
        json.writeArrayFieldStart("pins");
        for (Pin pin : pins) {
            json.writeString(scenario.nameOf(pin));
        }
        json.writeEndArray();
    }
}
