package dev.pinkeeper.lifecycle;

import static dev.pinkeeper.lifecycle.CaSettings.pick;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * How a site gets its certificates: saved as {@code acme.json} in the site's folder the first time
 * {@code pinkeeper issue} is given them, reused by later {@code issue} and {@code renew} runs;
 * options given again replace the saved ones.
 *
 * @param primary           the CA used by default
 * @param backup            the CA used with {@code --ca backup}, or null
 * @param challenge         {@code http-01} (webroot, or standalone when no webroot is set) or {@code dns-01}
 * @param webroot           http-01: the folder served as {@code /.well-known/acme-challenge/}'s parent, or null
 * @param standaloneAddress http-01 standalone: the address to listen on (default 0.0.0.0)
 * @param standalonePort    http-01 standalone: the port (default 80)
 * @param dnsHook           dns-01: the hook script ({@code HOOK add|remove DOMAIN VALUE})
 * @param contacts          account contact e-mail addresses
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AcmeSettings(CaSettings primary, CaSettings backup, String challenge, String webroot,
        String standaloneAddress, Integer standalonePort, String dnsHook, List<String> contacts) {
    /** The file name in the site folder. */
    public static final String FILE = "acme.json";

    public AcmeSettings {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        if (challenge != null) {
            challenge = challenge.toLowerCase(Locale.ROOT);
            if (!challenge.equals("http-01") && !challenge.equals("dns-01")) {
                throw new IllegalArgumentException("challenge must be http-01 or dns-01, not " + challenge);
            }
        }
    }

    /** No settings at all. */
    public static AcmeSettings empty() {
        return new AcmeSettings(null, null, null, null, null, null, null, List.of());
    }

    /** These settings with the non-null (non-empty) fields of {@code override} replacing them. */
    public AcmeSettings merge(AcmeSettings override) {
        return new AcmeSettings(
                primary == null ? override.primary : primary.merge(override.primary),
                backup == null ? override.backup : backup.merge(override.backup),
                pick(override.challenge, challenge), pick(override.webroot, webroot),
                pick(override.standaloneAddress, standaloneAddress), pick(override.standalonePort, standalonePort),
                pick(override.dnsHook, dnsHook), override.contacts.isEmpty() ? contacts : override.contacts);
    }

    /** The CA for {@code which} ({@code primary} or {@code backup}). */
    public CaSettings ca(String which) {
        CaSettings ca = "backup".equals(which) ? backup : primary;
        if (ca == null || ca.directory() == null) {
            throw new IllegalArgumentException("no " + which + " CA is set for this site: give --"
                    + ("backup".equals(which) ? "backup-" : "") + "directory to pinkeeper issue once");
        }
        return ca;
    }
}
