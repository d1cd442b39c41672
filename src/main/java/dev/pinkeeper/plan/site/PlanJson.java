package dev.pinkeeper.plan.site;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.pin.Pin;
import dev.pinkeeper.pin.UserAgent;
import dev.pinkeeper.plan.CaPin;
import dev.pinkeeper.plan.Ramp;
import dev.pinkeeper.plan.scenario.Scenario;
import dev.pinkeeper.plan.scenario.ScenarioException;
import dev.pinkeeper.plan.scenario.ScenarioReader;
import dev.pinkeeper.plan.scenario.ScenarioWriter;

/**
 * The JSON of a plan version file: format, site, version, written, change, settings, keys and the
 * served history, the latter in the scenario format ({@code docs/scenario-format.md}) so that
 * {@code pinkeeper simulate} reads it as it is.
 */
final class PlanJson {
    static final int FORMAT = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    static byte[] bytes(StoredPlan plan, Map<String, Pin> aliases) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("site", plan.site());
        root.put("version", plan.version());
        root.put("written", plan.written().toString());
        root.put("change", plan.change());
        PlanSettings settings = plan.settings();
        ObjectNode s = root.putObject("settings");
        s.put("reportOnlySeconds", settings.ramp().reportOnly().getSeconds());
        ArrayNode ramp = s.putArray("maxAges");
        settings.ramp().maxAges().forEach(d -> ramp.add(d.getSeconds()));
        s.put("includeSubDomains", settings.includeSubDomains());
        if (settings.reportUri() != null) {
            s.put("reportUri", settings.reportUri());
        }
        s.put("allowCaPins", settings.allowCaPins());
        ArrayNode ca = s.putArray("caPins");
        settings.caPins().forEach(p -> ca.addObject().put("pin", p.pin().base64()).put("ca", p.ca()));
        ArrayNode issuers = s.putArray("issuerPins");
        settings.issuerPins().forEach(p -> issuers.add(p.base64()));
        s.put("keyLifetimeSeconds", settings.keyLifetime() == null ? 0 : settings.keyLifetime().getSeconds());
        if (settings.retiredAt() != null) {
            s.put("retiredAt", settings.retiredAt().toString());
        }
        ArrayNode keys = root.putArray("keys");
        plan.keyIds().forEach(keys::add);
        root.set("history", MAPPER.readTree(history(plan, aliases)));
        return MAPPER.writeValueAsBytes(root);
    }

    /** The served history as a scenario document (pins named by key id where the inventory knows them). */
    static byte[] history(StoredPlan plan, Map<String, Pin> aliases) throws IOException {
        Scenario scenario = new Scenario(plan.site(), "served history of site " + plan.site() + " (plan version "
                + plan.version() + ")", null, UserAgent.RFC, plan.written(), aliases, plan.history());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ScenarioWriter().write(scenario, out);
        return out.toByteArray();
    }

    /** {@code keyLifetimeSeconds}: 0 never; absent (a plan written before the setting) the default. */
    private static Duration keyLifetime(JsonNode settings) {
        if (!settings.has("keyLifetimeSeconds")) {
            return PlanSettings.DEFAULT_KEY_LIFETIME;
        }
        long seconds = settings.get("keyLifetimeSeconds").asLong();
        return seconds == 0 ? null : Duration.ofSeconds(seconds);
    }

    static StoredPlan parse(byte[] json, String source) throws PlanException {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root.path("format").asInt() != FORMAT) {
                throw new PlanException(source + ": unknown plan format " + root.path("format"));
            }
            JsonNode s = root.required("settings");
            List<Duration> maxAges = new ArrayList<>();
            s.required("maxAges").forEach(n -> maxAges.add(Duration.ofSeconds(n.asLong())));
            List<CaPin> caPins = new ArrayList<>();
            for (JsonNode p : s.path("caPins")) {
                caPins.add(new CaPin(Pin.parse(p.required("pin").asText()), p.required("ca").asText()));
            }
            List<Pin> issuerPins = new ArrayList<>();
            s.path("issuerPins").forEach(p -> issuerPins.add(Pin.parse(p.asText())));
            PlanSettings settings = new PlanSettings(
                    new Ramp(Duration.ofSeconds(s.required("reportOnlySeconds").asLong()), maxAges),
                    s.path("includeSubDomains").asBoolean(), s.hasNonNull("reportUri") ? s.get("reportUri").asText() : null,
                    s.path("allowCaPins").asBoolean(), caPins, issuerPins, keyLifetime(s),
                    s.hasNonNull("retiredAt") ? Instant.parse(s.get("retiredAt").asText()) : null);
            List<String> keyIds = new ArrayList<>();
            root.required("keys").forEach(k -> keyIds.add(k.asText()));
            Scenario history = new ScenarioReader().read(
                    new ByteArrayInputStream(MAPPER.writeValueAsBytes(root.required("history"))), source);
            return new StoredPlan(root.required("site").asText(), root.required("version").asInt(),
                    Instant.parse(root.required("written").asText()), root.required("change").asText(), settings,
                    keyIds, history.schedule());
        } catch (IOException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new PlanException(source + ": unreadable plan version: " + e.getMessage(), e);
        } catch (ScenarioException e) {
            throw new PlanException(source + ": unreadable plan history: " + e.getMessage(), e);
        }
    }
}
