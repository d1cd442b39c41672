package dev.pinkeeper.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.pinkeeper.pin.HeaderConfigLines;

/**
 * Refuses to deploy to an HAProxy whose configuration does not read the site's
 * {@code live/headers-haproxy.map}: HAProxy has no include in a frontend, so header lines copied
 * into haproxy.cfg would keep sending the old pins after every deployment while the plan records
 * the new ones as served (a rollover could then lock clients out). The config must have, in a
 * {@code frontend} or {@code listen} section and not commented out, an
 * {@code http-after-response set-header} line that looks up {@code map(MAP)}, MAP being the map's path
 * through {@code live} (as written, or with the site directory's symlinks resolved).
 */
final class HaproxyMapCheck {
    /** The sections whose rules act on the responses a client receives. */
    private static final Set<String> FRONTENDS = Set.of("frontend", "listen");

    private HaproxyMapCheck() {
    }

    /** Passes when {@code config} names {@code store}'s live map; otherwise one line saying what to add. */
    static void check(Path config, ReleaseStore store) throws ServerException {
        String text;
        try {
            text = Files.readString(config, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ServerException("cannot read HAProxy's config " + config + ": " + e.getMessage(), e);
        }
        Path map = store.liveHaproxyMap();
        Set<String> accepted = new LinkedHashSet<>();
        accepted.add(map.toString());
        try {
            accepted.add(store.siteDirectory().toRealPath().resolve("live").resolve(Release.HAPROXY_MAP).toString());
        } catch (IOException e) {
            // no site directory yet: only the path as written can match
        }
        if (HaproxyConfigLines.parse(text).stream().anyMatch(d -> setsHeaderFromMap(d, accepted))) {
            return;
        }
        throw new ServerException("HAProxy config " + config + " does not read " + map
                + " in a frontend or listen section (a commented-out line or one in another section does not count)"
                + ", so HAProxy would keep sending the old headers after this deployment: add to its frontend, once, "
                + String.join(" ; ", HeaderConfigLines.haproxyFromMap(map).stream().map(l -> "'" + l + "'").toList()));
    }

    /** An {@code http-after-response set-header} directive of a frontend or listen section looking up one of {@code maps}. */
    private static boolean setsHeaderFromMap(HaproxyConfigLines.Directive directive, Set<String> maps) {
        if (directive.section() == null || !FRONTENDS.contains(directive.section())) {
            return false;
        }
        List<String> words = directive.words();
        return words.size() > 2 && words.get(0).equals("http-after-response") && words.get(1).equals("set-header")
                && maps.stream().anyMatch(map -> directive.text().contains("map(" + map + ")"));
    }
}
