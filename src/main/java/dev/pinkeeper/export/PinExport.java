package dev.pinkeeper.export;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.pinkeeper.pin.Pin;

/**
 * What an export describes: the pinned host, the pins of the site's own keys (current, next and
 * backups — what a leaf certificate may carry), optional CA pins, and the settings client
 * configurations take.
 *
 * @param host              the host name clients connect to
 * @param includeSubdomains whether the pins also apply to every subdomain
 * @param keyPins           pins of the site's own keys, current first
 * @param caPins            pins of CA keys (intermediates or roots); empty unless asked for
 * @param expiration        the day after which clients stop enforcing (Android), or null
 * @param reportUris        where clients report failures (TrustKit), possibly empty
 */
public record PinExport(String host, boolean includeSubdomains, List<Pin> keyPins, List<Pin> caPins,
                        LocalDate expiration, List<String> reportUris) {
    private static final Pattern HOST = Pattern.compile("(\\*\\*?\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?");
    private static final Pattern URI = Pattern.compile("https?://[A-Za-z0-9._~:/?#\\[\\]@!&()*+,;=%-]+");

    public PinExport {
        keyPins = List.copyOf(keyPins);
        caPins = List.copyOf(caPins);
        reportUris = List.copyOf(reportUris);
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("not a host name: " + host);
        }
        for (String uri : reportUris) {
            if (!URI.matcher(uri).matches()) {
                throw new IllegalArgumentException("not an http(s) report URI: " + uri);
            }
        }
        if (keyPins.isEmpty() && caPins.isEmpty()) {
            throw new IllegalArgumentException("no pins to export");
        }
    }

    /** Every pin, the site's keys first, without duplicates. */
    public List<Pin> allPins() {
        List<Pin> all = new ArrayList<>(keyPins);
        for (Pin pin : caPins) {
            if (!all.contains(pin)) {
                all.add(pin);
            }
        }
        return all;
    }

    /** The host without OkHttp's wildcard prefix. */
    public String bareHost() {
        return host.replaceFirst("^\\*\\*?\\.", "");
    }
}
