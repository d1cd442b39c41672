package dev.pinkeeper.lifecycle;

/**
 * One setting a site keeps in {@code acme.json} ({@link AcmeSettings}) or {@code deploy.json}
 * ({@link DeploySettings}): what an {@link InvalidSettingException} names, and what
 * {@link AcmeSettings#without} and {@link DeploySettings#without} clear (back to its default).
 */
public enum SiteSetting {
    /** The primary CA's ACME directory. */
    DIRECTORY("primary.directory", true),
    /** The PEM CA file trusted for the primary ACME server's TLS. */
    ACME_TRUST("primary.acmeTrust", true),
    /** The PEM roots the primary CA's chains validate to. */
    ROOTS("primary.roots", true),
    /** The backup CA's ACME directory (clearing it forgets the whole backup CA). */
    BACKUP_DIRECTORY("backup.directory", true),
    /** The PEM CA file trusted for the backup ACME server's TLS. */
    BACKUP_ACME_TRUST("backup.acmeTrust", true),
    /** The PEM roots the backup CA's chains validate to. */
    BACKUP_ROOTS("backup.roots", true),
    /** The key id of the primary CA's External Account Binding. */
    EAB_KEY_ID("primary.eabKeyId", true),
    /** The certificate profile ordered from the primary CA. */
    PROFILE("primary.profile", true),
    /** The key id of the backup CA's External Account Binding. */
    BACKUP_EAB_KEY_ID("backup.eabKeyId", true),
    /** The certificate profile ordered from the backup CA. */
    BACKUP_PROFILE("backup.profile", true),
    /** The ACME challenge type. */
    CHALLENGE("challenge", true),
    /** http-01: the folder the web server serves. */
    WEBROOT("webroot", true),
    /** http-01 standalone: the listening address. */
    STANDALONE_ADDRESS("standaloneAddress", true),
    /** http-01 standalone: the listening port. */
    STANDALONE_PORT("standalonePort", true),
    /** dns-01: the hook script. */
    DNS_HOOK("dnsHook", true),
    /** The ACME account's contact e-mail addresses. */
    CONTACTS("contacts", true),
    /** The server to test and reload. */
    TARGET("target", false),
    /** nginx's main config file. */
    NGINX_CONF("nginxConf", false),
    /** nginx's extra command-line options. */
    NGINX_OPTIONS("nginxOptions", false),
    /** HAProxy's config file. */
    HAPROXY_CFG("haproxyCfg", false),
    /** HAProxy's pid file (daemon mode). */
    HAPROXY_PID_FILE("haproxyPidFile", false),
    /** HAProxy's master CLI socket (master-worker mode). */
    HAPROXY_MASTER_SOCKET("haproxyMasterSocket", false),
    /** Apache's main config file. */
    APACHE_CONF("apacheConf", false),
    /** Apache's extra command-line options. */
    APACHE_OPTIONS("apacheOptions", false),
    /** Whether Strict-Transport-Security is sent. */
    HSTS("hsts", false),
    /** Whether HSTS asks for preloading. */
    HSTS_PRELOAD("hstsPreload", false),
    /** The address that must serve the new leaf after a reload. */
    PROBE("probe", false),
    /** The probe's SNI name. */
    SERVER_NAME("serverName", false),
    /** The report-uri of a site's first plan. */
    REPORT_URI("reportUri", false),
    /** The Diffie-Hellman parameters of the HAProxy bundle. */
    DH_PARAMS("dhParams", false);

    private final String key;
    private final boolean acme;

    SiteSetting(String key, boolean acme) {
        this.key = key;
        this.acme = acme;
    }

    /** The setting's name in its JSON file ({@code standalonePort}, {@code primary.directory}). */
    public String key() {
        return key;
    }

    /** The file that keeps it: {@value AcmeSettings#FILE} or {@value DeploySettings#FILE}. */
    public String file() {
        return acme ? AcmeSettings.FILE : DeploySettings.FILE;
    }

    /** Whether it is an ACME setting ({@code acme.json}). */
    public boolean acme() {
        return acme;
    }
}
