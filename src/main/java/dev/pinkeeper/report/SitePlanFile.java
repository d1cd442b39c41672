package dev.pinkeeper.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pinkeeper.files.SafeFiles;
import dev.pinkeeper.pin.Pin;

/**
 * Reads site plans from a JSON file, the form {@code pinkeeper collector --plan FILE} takes:
 *
 * <pre>{@code
 * {"sites": [{"site": "example.com", "includeSubdomains": false,
 *   "pins": [{"pin": "<base64>", "role": "current", "label": "key A"}],
 *   "headerVersions": [{"label": "v1", "pins": ["<base64>", …],
 *                       "servedFrom": "2026-01-01T00:00:00Z", "servedUntil": null}],
 *   "timeline": [{"at": "2026-03-01T00:00:00Z", "what": "key B goes live"}],
 *   "name": "shop", "roots": ["<base64>", …]}]}
 * }</pre>
 *
 * {@code name} (optional, default the host) groups several hosts into one site; {@code roots}
 * (optional) are the key pins of the private CA roots the site's certificates chain to.
 */
public final class SitePlanFile {
    /**
     * The mode of a written plans file: its owner writes it, its folder's group reads it (the packaged
     * collector's group: {@code /var/lib/pinkeeper-plans} is setgid, so the file takes the folder's group),
     * nobody else. It holds no secret, but every site's names, pins and timeline.
     */
    public static final Set<PosixFilePermission> PUBLISHED = PosixFilePermissions.fromString("rw-r-----");

    private SitePlanFile() {
    }

    /**
     * Writes {@code plans} to {@code file} in the form above, mode {@link #PUBLISHED}, atomically: a collector
     * that follows the file ({@link #watch}) reads the old or the new plans, never a part.
     */
    public static void write(SitePlans plans, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode sites = root.putArray("sites");
        for (SitePlan plan : plans.all()) {
            ObjectNode site = sites.addObject().put("site", plan.site()).put("name", plan.name())
                    .put("includeSubdomains", plan.includeSubdomains());
            ArrayNode pins = site.putArray("pins");
            plan.pins().forEach(pin -> pins.addObject().put("pin", pin.pin().base64()).put("role", pin.role())
                    .put("label", pin.label()));
            ArrayNode versions = site.putArray("headerVersions");
            for (HeaderVersion version : plan.headerVersions()) {
                ObjectNode node = versions.addObject().put("label", version.label());
                ArrayNode versionPins = node.putArray("pins");
                version.pins().forEach(pin -> versionPins.add(pin.base64()));
                node.put("servedFrom", version.servedFrom().toString())
                        .put("servedUntil", version.servedUntil() == null ? null : version.servedUntil().toString());
            }
            ArrayNode timeline = site.putArray("timeline");
            plan.timeline().forEach(event -> timeline.addObject().put("at", event.at().toString()).put("what", event.what()));
            ArrayNode roots = site.putArray("roots");
            plan.roots().stream().map(Pin::base64).sorted().forEach(roots::add);
        }
        SafeFiles.replace(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), PUBLISHED);
    }

    /**
     * The plans of {@code file}, read now and re-read when its modification time or size changes
     * (checked at most once a second): a long-running collector follows edits of the file.
     *
     * @throws IOException if it cannot be read now or is not in the form above (one-line message)
     */
    public static ReloadingSitePlans watch(Path file) throws IOException {
        return watch(file, ReloadingSitePlans.RECHECK, System::nanoTime);
    }

    /** As {@link #watch(Path)}, checking at most once per {@code recheck} of {@code nanoTime}. */
    public static ReloadingSitePlans watch(Path file, Duration recheck, LongSupplier nanoTime) throws IOException {
        var source = new ReloadingSitePlans.Source() { // var: its methods throw IOException only
            @Override
            public Object fingerprint() throws IOException {
                return List.of(Files.getLastModifiedTime(file), Files.size(file));
            }

            @Override
            public List<SitePlan> read() throws IOException {
                return SitePlanFile.read(file).all();
            }
        };
        Object fingerprint = source.fingerprint();
        return new ReloadingSitePlans(source, fingerprint, source.read(), recheck, nanoTime);
    }

    /**
     * Reads the plans of {@code file}.
     *
     * @throws IOException if it cannot be read or is not in the form above (one-line message)
     */
    public static SitePlans read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("sites").isArray()) {
            throw new IOException("no \"sites\" array");
        }
        List<SitePlan> plans = new ArrayList<>();
        for (JsonNode site : root.get("sites")) {
            plans.add(site(site));
        }
        return SitePlans.of(plans);
    }

    private static SitePlan site(JsonNode node) throws IOException {
        String site = text(node, "site", true);
        List<PlannedPin> pins = new ArrayList<>();
        for (JsonNode pin : node.path("pins")) {
            pins.add(new PlannedPin(pin(text(pin, "pin", true)), text(pin, "role", true), text(pin, "label", false)));
        }
        List<HeaderVersion> versions = new ArrayList<>();
        for (JsonNode version : node.path("headerVersions")) {
            Set<Pin> versionPins = new LinkedHashSet<>();
            for (JsonNode pin : version.path("pins")) {
                versionPins.add(pin(pin.asText()));
            }
            String until = text(version, "servedUntil", false);
            versions.add(new HeaderVersion(text(version, "label", true), versionPins,
                    instant(text(version, "servedFrom", true)), until == null ? null : instant(until)));
        }
        List<TimelineEvent> timeline = new ArrayList<>();
        for (JsonNode event : node.path("timeline")) {
            timeline.add(new TimelineEvent(instant(text(event, "at", true)), text(event, "what", true)));
        }
        Set<Pin> roots = new LinkedHashSet<>();
        for (JsonNode root : node.path("roots")) {
            roots.add(pin(root.asText()));
        }
        return new SitePlan(site, node.path("includeSubdomains").asBoolean(false), pins, versions, timeline,
                text(node, "name", false), roots);
    }

    private static String text(JsonNode node, String field, boolean required) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IOException("\"" + field + "\" is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IOException("\"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    private static Pin pin(String text) throws IOException {
        try {
            return Pin.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    private static Instant instant(String text) throws IOException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IOException("not an ISO-8601 instant: " + text);
        }
    }
}
