package dev.pinkeeper.lifecycle;

import static dev.pinkeeper.lifecycle.CaSettings.pick;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pinkeeper.acme.AcmeDirectories;
import dev.pinkeeper.acme.CaFileTrust;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import dev.pinkeeper.site.SiteLayout;

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
        String standaloneAddress, Integer standalonePort, String dnsHook, List<String> contacts)
        implements SavedSettings {
    /** The file name in the site folder. */
    public static final String FILE = SiteLayout.ACME_SETTINGS;

    public AcmeSettings {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        if (challenge != null) {
            challenge = challenge.toLowerCase(Locale.ROOT);
            if (!challenge.equals("http-01") && !challenge.equals("dns-01")) {
                throw new InvalidSettingException(SiteSetting.CHALLENGE, "must be http-01 or dns-01, not "
                        + SettingChecks.printable(SiteSetting.CHALLENGE, challenge));
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
        boolean isBackup = "backup".equals(which);
        CaSettings ca = isBackup ? backup : primary;
        if (ca == null || ca.directory() == null) {
            throw new InvalidSettingException(isBackup ? SiteSetting.BACKUP_DIRECTORY : SiteSetting.DIRECTORY,
                    "no " + which + " CA is set for this site: give its ACME directory once");
        }
        return ca;
    }

    /** These settings with {@code cleared} back to their defaults (unset); clearing the backup directory forgets the backup CA. */
    public AcmeSettings without(Set<SiteSetting> cleared) {
        CaSettings primaryCa = primary == null ? null : primary.without(cleared.contains(SiteSetting.DIRECTORY),
                cleared.contains(SiteSetting.ACME_TRUST), cleared.contains(SiteSetting.ROOTS),
                cleared.contains(SiteSetting.EAB_KEY_ID), cleared.contains(SiteSetting.PROFILE));
        CaSettings backupCa = backup == null || cleared.contains(SiteSetting.BACKUP_DIRECTORY) ? null
                : backup.without(false, cleared.contains(SiteSetting.BACKUP_ACME_TRUST),
                        cleared.contains(SiteSetting.BACKUP_ROOTS), cleared.contains(SiteSetting.BACKUP_EAB_KEY_ID),
                        cleared.contains(SiteSetting.BACKUP_PROFILE));
        return new AcmeSettings(primaryCa, backupCa, cleared.contains(SiteSetting.CHALLENGE) ? null : challenge,
                cleared.contains(SiteSetting.WEBROOT) ? null : webroot,
                cleared.contains(SiteSetting.STANDALONE_ADDRESS) ? null : standaloneAddress,
                cleared.contains(SiteSetting.STANDALONE_PORT) ? null : standalonePort,
                cleared.contains(SiteSetting.DNS_HOOK) ? null : dnsHook,
                cleared.contains(SiteSetting.CONTACTS) ? List.of() : contacts);
    }

    /** Whether {@code setting} is an ACME setting these settings give a value. */
    @Override
    public boolean isSet(SiteSetting setting) {
        return setting.acme() && !without(EnumSet.of(setting)).equals(this);
    }

    /**
     * Checks every value that is set, without the network (see {@link SiteIssuer#reach} for that): each
     * CA's directory is a name or an http(s) URL and its PEM files hold certificates; the webroot is a
     * folder, the dns-01 hook an executable, dns-01 has a hook, the standalone address an IP address or
     * host name and its port 1 to 65535, every contact an e-mail address.
     *
     * @throws InvalidSettingException naming the first setting that cannot work
     */
    public AcmeSettings check() {
        checkCa(primary, SiteSetting.DIRECTORY, SiteSetting.ACME_TRUST, SiteSetting.ROOTS);
        checkCa(backup, SiteSetting.BACKUP_DIRECTORY, SiteSetting.BACKUP_ACME_TRUST, SiteSetting.BACKUP_ROOTS);
        checkWord(primary, SiteSetting.EAB_KEY_ID, SiteSetting.PROFILE);
        checkWord(backup, SiteSetting.BACKUP_EAB_KEY_ID, SiteSetting.BACKUP_PROFILE);
        if (webroot != null) {
            SettingChecks.folder(SiteSetting.WEBROOT, webroot);
        }
        if (standaloneAddress != null) {
            SettingChecks.host(SiteSetting.STANDALONE_ADDRESS, standaloneAddress);
        }
        if (standalonePort != null) {
            SettingChecks.port(SiteSetting.STANDALONE_PORT, standalonePort);
        }
        if (dnsHook != null) {
            SettingChecks.executable(SiteSetting.DNS_HOOK, dnsHook);
        } else if ("dns-01".equals(challenge)) {
            throw new InvalidSettingException(SiteSetting.DNS_HOOK, "dns-01 needs the hook script that sets the TXT record");
        }
        contacts.forEach(address -> SettingChecks.email(SiteSetting.CONTACTS, address));
        return this;
    }

    /** A binding's key id and a profile name are one word of printable ASCII. */
    private static void checkWord(CaSettings ca, SiteSetting keyId, SiteSetting profile) {
        if (ca == null) {
            return;
        }
        if (ca.eabKeyId() != null && !isWord(ca.eabKeyId())) {
            throw new InvalidSettingException(keyId, "must be one word of printable characters, not "
                    + SettingChecks.printable(keyId, ca.eabKeyId()));
        }
        if (ca.profile() != null && !isWord(ca.profile())) {
            throw new InvalidSettingException(profile, "must be one word of printable characters, not "
                    + SettingChecks.printable(profile, ca.profile()));
        }
    }

    private static boolean isWord(String value) {
        return !value.isEmpty() && value.length() <= 256 && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static void checkCa(CaSettings ca, SiteSetting directory, SiteSetting acmeTrust, SiteSetting roots) {
        if (ca == null) {
            return;
        }
        if (ca.directory() != null) {
            try {
                AcmeDirectories.resolve(SettingChecks.printable(directory, ca.directory()));
            } catch (InvalidSettingException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(directory, e.getMessage(), e);
            }
        }
        if (ca.acmeTrust() != null) {
            try {
                CaFileTrust.trustManager(SettingChecks.readableFile(acmeTrust, ca.acmeTrust()));
            } catch (IOException e) {
                throw new InvalidSettingException(acmeTrust, e.getMessage(), e);
            }
        }
        if (ca.roots() != null) {
            try {
                TrustRoots.read(SettingChecks.readableFile(roots, ca.roots()));
            } catch (IOException e) {
                throw new InvalidSettingException(roots, e.getMessage(), e);
            }
        }
    }
}
