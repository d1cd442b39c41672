package dev.pinkeeper.cli;

import dev.pinkeeper.lifecycle.InvalidSettingException;
import dev.pinkeeper.lifecycle.SavedSettings;
import dev.pinkeeper.lifecycle.SiteSetting;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command-line spelling of the site settings that {@code issue} and {@code deploy} save
 * ({@link SiteSetting}): the option that gives each, the {@code --clear NAME} that forgets it, and the
 * one-line error naming the option when a value cannot work.
 */
final class SettingOptions {
    /** The option that forgets saved settings. */
    static final String CLEAR = "--clear";

    private static final Map<SiteSetting, String> FLAGS = new EnumMap<>(SiteSetting.class);

    static {
        FLAGS.put(SiteSetting.DIRECTORY, "--directory");
        FLAGS.put(SiteSetting.ACME_TRUST, "--acme-trust");
        FLAGS.put(SiteSetting.ROOTS, "--roots");
        FLAGS.put(SiteSetting.BACKUP_DIRECTORY, "--backup-directory");
        FLAGS.put(SiteSetting.BACKUP_ACME_TRUST, "--backup-acme-trust");
        FLAGS.put(SiteSetting.BACKUP_ROOTS, "--backup-roots");
        FLAGS.put(SiteSetting.EAB_KEY_ID, "--eab-kid");
        FLAGS.put(SiteSetting.PROFILE, "--profile");
        FLAGS.put(SiteSetting.BACKUP_EAB_KEY_ID, "--backup-eab-kid");
        FLAGS.put(SiteSetting.BACKUP_PROFILE, "--backup-profile");
        FLAGS.put(SiteSetting.CHALLENGE, "--challenge");
        FLAGS.put(SiteSetting.WEBROOT, "--webroot");
        FLAGS.put(SiteSetting.STANDALONE_ADDRESS, "--standalone-address");
        FLAGS.put(SiteSetting.STANDALONE_PORT, "--standalone-port");
        FLAGS.put(SiteSetting.DNS_HOOK, "--dns-hook");
        FLAGS.put(SiteSetting.CONTACTS, "--email");
        FLAGS.put(SiteSetting.TARGET, "--target");
        FLAGS.put(SiteSetting.NGINX_CONF, "--nginx-conf");
        FLAGS.put(SiteSetting.NGINX_OPTIONS, "--nginx-option");
        FLAGS.put(SiteSetting.HAPROXY_CFG, "--haproxy-cfg");
        FLAGS.put(SiteSetting.HAPROXY_PID_FILE, "--haproxy-pid-file");
        FLAGS.put(SiteSetting.HAPROXY_MASTER_SOCKET, "--haproxy-master-socket");
        FLAGS.put(SiteSetting.APACHE_CONF, "--apache-conf");
        FLAGS.put(SiteSetting.APACHE_OPTIONS, "--apache-option");
        FLAGS.put(SiteSetting.HSTS, "--hsts");
        FLAGS.put(SiteSetting.HSTS_PRELOAD, "--hsts-preload");
        FLAGS.put(SiteSetting.PROBE, "--probe");
        FLAGS.put(SiteSetting.SERVER_NAME, "--server-name");
        FLAGS.put(SiteSetting.REPORT_URI, "--report-uri");
        FLAGS.put(SiteSetting.DH_PARAMS, "--dh-params");
    }

    private SettingOptions() {
    }

    /** The option that gives {@code setting}. */
    static String flag(SiteSetting setting) {
        return FLAGS.get(setting);
    }

    /** The {@code --clear} name of {@code setting}: its option without the dashes. */
    static String clearName(SiteSetting setting) {
        return flag(setting).substring(2);
    }

    /**
     * The settings {@code names} (the values of {@value #CLEAR}) forget; {@code acme}: whether the command
     * saves ACME settings too (issue) or only deployment settings (deploy).
     */
    static Set<SiteSetting> cleared(List<String> names, boolean acme) {
        Set<SiteSetting> cleared = EnumSet.noneOf(SiteSetting.class);
        for (String name : names == null ? List.<String>of() : names) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            SiteSetting found = FLAGS.keySet().stream().filter(s -> clearName(s).equals(wanted)).findFirst()
                    .orElseThrow(() -> new UsageException(CLEAR + ": not the name of a saved setting (one of: "
                            + String.join(", ", names(acme)) + ")"));
            if (found.acme() && !acme) {
                throw new UsageException(CLEAR + ": " + wanted + " is an ACME setting: pinkeeper issue --clear "
                        + wanted + " forgets it");
            }
            cleared.add(found);
        }
        return cleared;
    }

    /** The {@code --clear} names a command takes. */
    static List<String> names(boolean acme) {
        List<String> names = new ArrayList<>();
        FLAGS.keySet().stream().filter(s -> acme || !s.acme()).forEach(s -> names.add(clearName(s)));
        return names;
    }

    /**
     * The one-line usage error for a setting that cannot work: the option and what is wrong, and for a
     * value that was not given but is in {@code saved} (acme.json or deploy.json), where it is saved and
     * how to change or forget it.
     */
    static UsageException invalid(InvalidSettingException e, SavedSettings given, SavedSettings saved) {
        SiteSetting setting = e.setting();
        String where = SavedSettings.isSet(given, setting) || !SavedSettings.isSet(saved, setting) ? "" : " (saved in " + setting.file()
                + ": give " + flag(setting) + " again, or " + CLEAR + " " + clearName(setting) + ")";
        return new UsageException(flag(setting) + ": " + e.problem() + where, e);
    }

    /** Refuses a setting both given and cleared on one command line. */
    static void givenOrCleared(SavedSettings given, Set<SiteSetting> cleared) {
        for (SiteSetting setting : cleared) {
            if (SavedSettings.isSet(given, setting)) {
                throw new UsageException(flag(setting) + " and " + CLEAR + " " + clearName(setting) + ": give one of them");
            }
        }
    }

    /** The {@code --clear} names of {@code deploy} (completion candidates). */
    static final class DeployNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(false).iterator();
        }
    }

    /** The {@code --clear} names of {@code issue} (completion candidates). */
    static final class IssueNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(true).iterator();
        }
    }
}
