package dev.pinkeeper.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses to deploy to an HAProxy whose configuration does not read the site's
 * {@code live/headers-haproxy.map}: HAProxy has no include in a frontend, so header lines copied
 * into haproxy.cfg would keep sending the old pins after every deployment while the plan records
 * the new ones as served (a rollover could then lock clients out). The config must have, in a
 * {@code frontend} or {@code listen} section and not commented out, for {@code Public-Key-Pins} and
 * {@code Public-Key-Pins-Report-Only}, an {@code http-after-response set-header NAME} line that looks up
 * {@code map(MAP)}, MAP being the map's path through {@code live} (as written, or with the site
 * directory's symlinks resolved). A rule in any section that sets or adds one of those pin headers
 * without the map is refused too: it would send a pin no release holds (a stale one, or one the map
 * left out). {@code Strict-Transport-Security} from the map is optional: the plan does not record it.
 */
final class HaproxyMapCheck {
    /** The sections whose rules act on the responses a client receives. */
    private static final Set<String> FRONTENDS = Set.of("frontend", "listen");
    /** The rule keywords that act on a response's headers. */
    private static final Set<String> RESPONSE_RULES = Set.of("http-response", "http-after-response");
    /** The header actions that make a response carry a header. */
    private static final Set<String> HEADER_ACTIONS = Set.of("set-header", "add-header");
    /** The headers that must come from the map: what the plan records as served. */
    private static final List<String> PIN_HEADERS = Haproxy.MAP_HEADERS.stream()
            .filter(name -> name.startsWith("Public-Key-Pins")).toList();

    private HaproxyMapCheck() {
    }

    /**
     * Passes when {@code config} sends the pin headers only from the map behind the site's {@code live}
     * link {@code liveLink}; otherwise one line saying what to change.
     */
    static void check(Path config, Path liveLink) throws ServerException {
        String text;
        try {
            text = Files.readString(config, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ServerException("cannot read HAProxy's config " + config + ": " + e.getMessage(), e);
        }
        Path map = liveLink.toAbsolutePath().normalize().resolve(Haproxy.MAP_FILE);
        Set<String> accepted = new LinkedHashSet<>();
        accepted.add(map.toString());
        try {
            Path absolute = liveLink.toAbsolutePath().normalize();
            accepted.add(absolute.getParent().toRealPath().resolve(absolute.getFileName()).resolve(Haproxy.MAP_FILE)
                    .toString());
        } catch (IOException e) {
            // no site directory yet: only the path as written can match
        }
        Set<String> missing = new LinkedHashSet<>(PIN_HEADERS);
        HaproxyConfigLines.Directive stray = null;
        for (HaproxyConfigLines.Directive directive : HaproxyConfigLines.parse(text)) {
            String name = pinHeaderSet(directive);
            if (name == null) {
                continue;
            }
            if (!readsMap(directive, accepted)) {
                stray = stray == null ? directive : stray;
            } else if (directive.section() != null && FRONTENDS.contains(directive.section())
                    && directive.words().subList(0, 2).equals(List.of("http-after-response", "set-header"))) {
                missing.remove(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new ServerException("HAProxy config " + config + " does not read " + map + " for "
                    + String.join(", ", missing) + " in a frontend or listen section (a commented-out line or one in"
                    + " another section does not count), so HAProxy would keep sending the old headers after this"
                    + " deployment: add to its frontend, once, "
                    + String.join(" ; ", Haproxy.linesReadingMap(map).stream().map(l -> "'" + l + "'").toList()));
        }
        if (stray != null) {
            throw new ServerException("HAProxy config " + config + " sets " + pinHeaderSet(stray) + " without reading "
                    + map + " (" + (stray.section() == null ? "before any section" : "in a " + stray.section()
                    + " section") + ": '" + stray.text() + "'), so HAProxy would send a value no release holds:"
                    + " remove that line (the lines reading the map send what each release holds)");
        }
    }

    /**
     * The pin header (as pinkeeper spells it) that an
     * {@code http-response} or {@code http-after-response} {@code set-header} / {@code add-header} rule
     * sets, or null for any other directive.
     */
    private static String pinHeaderSet(HaproxyConfigLines.Directive directive) {
        List<String> words = directive.words();
        if (words.size() < 3 || !RESPONSE_RULES.contains(words.get(0)) || !HEADER_ACTIONS.contains(words.get(1))) {
            return null;
        }
        String header = words.get(2).replaceAll("^[\"']|[\"']$", "");
        return PIN_HEADERS.stream().filter(header::equalsIgnoreCase).findFirst().orElse(null);
    }

    /** A directive that looks up one of {@code maps}. */
    private static boolean readsMap(HaproxyConfigLines.Directive directive, Set<String> maps) {
        return maps.stream().anyMatch(map -> directive.text().contains("map(" + map + ")"));
    }
}
