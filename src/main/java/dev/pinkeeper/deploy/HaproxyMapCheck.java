package dev.pinkeeper.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.pinkeeper.pin.HeaderConfigLines;

/**
 * Refuses to deploy to an HAProxy whose configuration does not read the site's
 * {@code live/headers-haproxy.map}: HAProxy has no include in a frontend, so header lines copied
 * into haproxy.cfg would keep sending the old pins after every deployment while the plan records
 * the new ones as served (a rollover could then lock clients out). The check is a substring test
 * of the config file for the map's path through {@code live} (as written, or with the site
 * directory's symlinks resolved).
 */
final class HaproxyMapCheck {
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
        if (accepted.stream().anyMatch(text::contains)) {
            return;
        }
        throw new ServerException("HAProxy config " + config + " does not read " + map
                + ", so HAProxy would keep sending the old headers after this deployment: add to its frontend, once, "
                + String.join(" ; ", HeaderConfigLines.haproxyFromMap(map).stream().map(l -> "'" + l + "'").toList()));
    }
}
