package dev.pinkeeper.site;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every path of pinkeeper's state, named in one place (as certmagic's {@code KeyBuilder} names every
 * storage key). The other classes ask it for their files and never spell a file name of the state
 * directory themselves.
 *
 * <pre>
 * STATE/sites/SITE/                         one folder per site (0700)
 * STATE/sites/SITE/lock                     the site's lock file
 * STATE/sites/SITE/creating                 marker: the site's creation is under way, not yet committed
 * STATE/sites/SITE/live                     symlink to the live key inventory version
 * STATE/sites/SITE/versions/NNNNNN-TIME.json   immutable key inventory versions
 * STATE/sites/SITE/keys/ID/                 one immutable folder per key (0700)
 * STATE/sites/SITE/keys/ID/public.pem, key.json, private*.pem   its public key, record and private key
 * STATE/sites/SITE/plan/NNNNNN-TIME-iMMMMMM.json   immutable plan versions (MMMMMM: the inventory version)
 * STATE/sites/SITE/simulated-clock          marker: the site runs on a simulated clock
 * STATE/sites/SITE/acme.json                ACME settings (primary and backup CA, challenge, contact)
 * STATE/sites/SITE/deploy.json              deployment settings (target, config file, HSTS)
 * STATE/sites/SITE/certs/KEYID.pem          the latest certificate chain issued for each key
 * STATE/sites/SITE/certs/KEYID.json         which CA issued it, its last ARI window and Retry-After
 * STATE/sites/SITE/accounts/CA/             ACME account key per CA (primary, backup)
 * STATE/sites/SITE/accounts/CA/account-url      the account's URL at the CA, for logins without newAccount
 * STATE/sites/SITE/accounts/CA/eab-hmac-key       the CA's External Account Binding HMAC key (0600)
 * STATE/sites/SITE/accounts/CA/rate-limited.json  the CA's rate limit: no order before its Retry-After
 * STATE/sites/SITE/deploy/                  the release store ({@link Releases})
 * STATE/journal/                            the report collector's journal
 * </pre>
 *
 * @param site      the site's name
 * @param directory the site's folder ({@code STATE/sites/SITE})
 */
public record SiteLayout(String site, Path directory) {
    /** The folder, under the state directory, holding one folder per site. */
    public static final String SITES = "sites";
    /** The inventory's live symlink, in a site's folder. */
    public static final String LIVE = "live";
    /** The inventory versions folder, in a site's folder. */
    public static final String VERSIONS = "versions";
    /** The key folders' parent, in a site's folder. */
    public static final String KEYS = "keys";
    /** The acme settings file's name. */
    public static final String ACME_SETTINGS = "acme.json";
    /** The deployment settings file's name. */
    public static final String DEPLOY_SETTINGS = "deploy.json";

    /** A key's public key file, in its folder. */
    public static final String KEY_PUBLIC = "public.pem";
    /** A key's record, in its folder. */
    public static final String KEY_RECORD = "key.json";
    /** How the name of a key's private key file starts ({@code private.pem}, {@code private-restored-TIME.pem}). */
    public static final String KEY_PRIVATE_PREFIX = "private";

    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern INVENTORY_VERSION = Pattern.compile("(\\d{6,})-[0-9TZ.]+\\.json");
    private static final Pattern PLAN_VERSION = Pattern.compile("(\\d{6,})-[0-9TZ.]+?(?:-i(\\d{6,}))?\\.json");
    private static final Pattern SITE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /**
     * The layout of {@code site} in the state directory {@code state} (which need not exist yet).
     *
     * @throws IllegalArgumentException if {@code site} is not a valid site name
     */
    public static SiteLayout of(Path state, String site) {
        checkSiteName(site);
        return new SiteLayout(site, sites(state).resolve(site));
    }

    /** The folder holding one folder per site. */
    public static Path sites(Path state) {
        return state.resolve(SITES);
    }

    /** The report collector's journal folder. */
    public static Path journal(Path state) {
        return state.resolve("journal");
    }

    /**
     * Checks a site name: lower-case letters, digits, dot, dash and underscore, at most 63
     * characters, starting with a letter or digit.
     *
     * @throws IllegalArgumentException if it is not a valid site name
     */
    public static void checkSiteName(String name) {
        if (name == null || !SITE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid site name '" + name
                    + "': use lower-case letters, digits, '.', '-' and '_' (at most 63)");
        }
    }

    /** The site's lock file. */
    public Path lock() {
        return directory.resolve("lock");
    }

    /** The marker of a creation under way ({@link UncommittedCreation}): removed once the site is committed. */
    public Path creationMark() {
        return directory.resolve("creating");
    }

    /** The symlink to the live key inventory version. */
    public Path inventoryLive() {
        return directory.resolve(LIVE);
    }

    /** The folder of the key inventory versions. */
    public Path inventoryVersions() {
        return directory.resolve(VERSIONS);
    }

    /** One key inventory version, by its file name. */
    public Path inventoryVersion(String name) {
        return inventoryVersions().resolve(name);
    }

    /** Key inventory version {@code number}, written at {@code written}. */
    public Path inventoryVersion(int number, Instant written) {
        return inventoryVersion(String.format("%06d-%s.json", number, VERSION_TIME.format(written)));
    }

    /** The number of a key inventory version file (or of the {@code live} symlink's target); empty for another name. */
    public static OptionalInt inventoryVersionNumber(Path file) {
        Matcher m = INVENTORY_VERSION.matcher(file.getFileName().toString());
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** The target of {@link #inventoryLive} for a version file name, relative to the site's folder. */
    public static Path inventoryLiveTarget(String versionName) {
        return Path.of(VERSIONS, versionName);
    }

    /** The folder holding one folder per key. */
    public Path keys() {
        return directory.resolve(KEYS);
    }

    /** The folder of one key ({@code public.pem}, {@code key.json}, its private key). */
    public Path key(String keyId) {
        return keys().resolve(keyId);
    }

    /** The folder of the plan versions. */
    public Path plan() {
        return directory.resolve("plan");
    }

    /** Plan version {@code number}, written at {@code written}, belonging to key inventory version {@code inventory}. */
    public Path planVersion(int number, Instant written, int inventory) {
        return plan().resolve(String.format("%06d-%s-i%06d.json", number, VERSION_TIME.format(written), inventory));
    }

    /**
     * The name of a plan version file: its number, and the key inventory version it belongs to (empty for a
     * version written before plan versions named it); null for another name.
     */
    public static PlanVersionName planVersionName(Path file) {
        Matcher m = PLAN_VERSION.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return null;
        }
        return new PlanVersionName(Integer.parseInt(m.group(1)),
                m.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(2))));
    }

    /**
     * What a plan version file's name says.
     *
     * @param number    the plan version's number
     * @param inventory the number of the key inventory version it belongs to, if its name says
     */
    public record PlanVersionName(int number, OptionalInt inventory) {
    }

    /** The marker file of a site on a simulated clock. */
    public Path simulatedClock() {
        return directory.resolve("simulated-clock");
    }

    /** {@code acme.json}. */
    public Path acmeSettings() {
        return directory.resolve(ACME_SETTINGS);
    }

    /** {@code deploy.json}. */
    public Path deploySettings() {
        return directory.resolve(DEPLOY_SETTINGS);
    }

    /** {@code renewal.json}: the outcome of the site's last renewal. */
    public Path renewalRecord() {
        return directory.resolve("renewal.json");
    }

    /** The latest chain issued for a key. */
    public Path certificate(String keyId) {
        return directory.resolve("certs").resolve(keyId + ".pem");
    }

    /** What the site remembers of the certificate kept for a key (issuing CA, ARI window). */
    public Path certificateRecord(String keyId) {
        return directory.resolve("certs").resolve(keyId + ".json");
    }

    /** The ACME account folder for a CA ({@code primary} or {@code backup}). */
    public Path account(String ca) {
        return directory.resolve("accounts").resolve(ca);
    }

    /** The HMAC key of a CA's External Account Binding (a secret: 0600 in the 0700 account folder). */
    public Path accountBinding(String ca) {
        return account(ca).resolve("eab-hmac-key");
    }

    /** A CA's recorded rate limit. */
    public Path rateLimitHold(String ca) {
        return account(ca).resolve("rate-limited.json");
    }

    /** The release store's folder ({@code releases/}, {@code live}: see {@link Releases}). */
    public Path releases() {
        return directory.resolve("deploy");
    }

    /** The paths inside the release store's folder. */
    public Releases releaseStore() {
        return new Releases(releases());
    }

    /**
     * The paths inside a release store's folder (a site's {@code deploy/}, or any folder a release store
     * is given on its own).
     *
     * <pre>
     * FOLDER/releases/20261122T193300.123Z/   one folder per deployment, never modified once renamed there
     * FOLDER/live -&gt; releases/…               what the web server's config points at
     * FOLDER/served.sha256                     hash of what the server read at its last reload
     * FOLDER/.staging/                         releases being written or deleted
     * FOLDER/.lock                             lock file of a release store used on its own
     * </pre>
     *
     * @param folder the release store's folder
     */
    public record Releases(Path folder) {
        /** The folder of the releases. */
        public Path releases() {
            return folder.resolve("releases");
        }

        /** One release folder, by name. */
        public Path release(String name) {
            return releases().resolve(name);
        }

        /** The {@code live} symlink the server config refers to. */
        public Path live() {
            return folder.resolve(LIVE);
        }

        /** The staging folder of releases being written or deleted. */
        public Path staging() {
            return folder.resolve(".staging");
        }

        /** The hash of what the server read at its last reload. */
        public Path servedHash() {
            return folder.resolve("served.sha256");
        }

        /** The lock file of a release store used on its own. */
        public Path lock() {
            return folder.resolve(".lock");
        }
    }
}
