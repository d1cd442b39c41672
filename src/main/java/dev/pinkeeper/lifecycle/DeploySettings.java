package dev.pinkeeper.lifecycle;

import dev.pinkeeper.server.ReportUriLines;
import static dev.pinkeeper.lifecycle.CaSettings.pick;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pinkeeper.pin.ReportUri;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import dev.pinkeeper.site.SiteLayout;

/**
 * Where and how a site is deployed: saved as {@code deploy.json} in the site's folder by the first
 * {@code pinkeeper deploy} (or {@code issue}) that names a target; reused by later runs and by
 * {@code renew}; options given again replace the saved ones.
 *
 * @param target              {@code nginx}, {@code haproxy}, {@code apache} or {@code none} (releases only, no reload)
 * @param nginxConf           nginx: the main config file ({@code nginx -t -c}, {@code nginx -s reload -c})
 * @param nginxOptions        nginx: extra command-line options the server runs with ({@code -p PREFIX}, …)
 * @param haproxyCfg          HAProxy: the config file ({@code haproxy -c -f})
 * @param haproxyPidFile      HAProxy started with {@code -D -p PIDFILE}: reload with {@code -sf}
 * @param haproxyMasterSocket HAProxy in master-worker mode: the master CLI socket (reload command)
 * @param hsts                send Strict-Transport-Security (default true: "secure mode")
 * @param hstsPreload         add {@code includeSubDomains; preload} (default false: only when asked)
 * @param probe               {@code HOST:PORT} that must serve the new leaf after the reload, or null
 * @param serverName          SNI name for the probe (default: the site's first domain)
 * @param reportUri           the report-uri for the plan made on the first deployment of a site without a
 *                            plan (where clients report pin failures), or null
 * @param dhParams            Diffie-Hellman parameters for the HAProxy bundle: an RFC 7919 group
 *                            ({@code ffdhe2048}, {@code ffdhe3072}, {@code ffdhe4096}), a PEM file, or
 *                            {@code none} (see {@link dev.pinkeeper.deploy.DhParameters}); null: none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploySettings(String target, String nginxConf, List<String> nginxOptions, String haproxyCfg,
        String haproxyPidFile, String haproxyMasterSocket, Boolean hsts, Boolean hstsPreload, String probe,
        String serverName, String reportUri, String apacheConf, List<String> apacheOptions, String dhParams)
        implements SavedSettings {
    /** The file name in the site folder. */
    public static final String FILE = SiteLayout.DEPLOY_SETTINGS;
    /** HSTS max-age: one year, what the preload list requires. */
    public static final long HSTS_MAX_AGE = 31_536_000L;

    public DeploySettings {
        nginxOptions = nginxOptions == null ? List.of() : List.copyOf(nginxOptions);
        apacheOptions = apacheOptions == null ? List.of() : List.copyOf(apacheOptions);
        if (target != null) {
            target = target.toLowerCase(Locale.ROOT);
            if (!List.of("nginx", "haproxy", "apache", "none").contains(target)) {
                throw new InvalidSettingException(SiteSetting.TARGET, "must be nginx, haproxy, apache or none, not "
                        + SettingChecks.printable(SiteSetting.TARGET, target));
            }
        }
    }

    /** Settings without DH parameters. */
    public DeploySettings(String target, String nginxConf, List<String> nginxOptions, String haproxyCfg,
            String haproxyPidFile, String haproxyMasterSocket, Boolean hsts, Boolean hstsPreload, String probe,
            String serverName, String reportUri, String apacheConf, List<String> apacheOptions) {
        this(target, nginxConf, nginxOptions, haproxyCfg, haproxyPidFile, haproxyMasterSocket, hsts, hstsPreload, probe,
                serverName, reportUri, apacheConf, apacheOptions, null);
    }

    /** No settings at all. */
    public static DeploySettings empty() {
        return new DeploySettings(null, null, List.of(), null, null, null, null, null, null, null, null, null,
                List.of());
    }

    /** These settings with the non-null (non-empty) fields of {@code override} replacing them. */
    public DeploySettings merge(DeploySettings override) {
        return new DeploySettings(pick(override.target, target), pick(override.nginxConf, nginxConf),
                override.nginxOptions.isEmpty() ? nginxOptions : override.nginxOptions,
                pick(override.haproxyCfg, haproxyCfg), pick(override.haproxyPidFile, haproxyPidFile),
                pick(override.haproxyMasterSocket, haproxyMasterSocket), pick(override.hsts, hsts),
                pick(override.hstsPreload, hstsPreload), pick(override.probe, probe),
                pick(override.serverName, serverName), pick(override.reportUri, reportUri),
                pick(override.apacheConf, apacheConf),
                override.apacheOptions.isEmpty() ? apacheOptions : override.apacheOptions,
                pick(override.dhParams, dhParams));
    }

    /** Whether {@code setting} is a deployment setting these settings give a value. */
    @Override
    public boolean isSet(SiteSetting setting) {
        return !setting.acme() && !without(EnumSet.of(setting)).equals(this);
    }

    /** These settings with {@code cleared} back to their defaults (unset). */
    public DeploySettings without(Set<SiteSetting> cleared) {
        return new DeploySettings(cleared.contains(SiteSetting.TARGET) ? null : target,
                cleared.contains(SiteSetting.NGINX_CONF) ? null : nginxConf,
                cleared.contains(SiteSetting.NGINX_OPTIONS) ? List.of() : nginxOptions,
                cleared.contains(SiteSetting.HAPROXY_CFG) ? null : haproxyCfg,
                cleared.contains(SiteSetting.HAPROXY_PID_FILE) ? null : haproxyPidFile,
                cleared.contains(SiteSetting.HAPROXY_MASTER_SOCKET) ? null : haproxyMasterSocket,
                cleared.contains(SiteSetting.HSTS) ? null : hsts,
                cleared.contains(SiteSetting.HSTS_PRELOAD) ? null : hstsPreload,
                cleared.contains(SiteSetting.PROBE) ? null : probe,
                cleared.contains(SiteSetting.SERVER_NAME) ? null : serverName,
                cleared.contains(SiteSetting.REPORT_URI) ? null : reportUri,
                cleared.contains(SiteSetting.APACHE_CONF) ? null : apacheConf,
                cleared.contains(SiteSetting.APACHE_OPTIONS) ? List.of() : apacheOptions,
                cleared.contains(SiteSetting.DH_PARAMS) ? null : dhParams);
    }

    /**
     * Checks every value, without touching the file system or a server (see {@link SiteDeployer#check}
     * for that): printable paths and options, a probe {@code HOST:PORT} with a port from 1 to 65535, a
     * DNS host name for SNI, a report-uri every user agent takes and every server can send.
     *
     * @throws InvalidSettingException naming the first setting that cannot work
     */
    public DeploySettings check() {
        for (SiteSetting setting : List.of(SiteSetting.NGINX_CONF, SiteSetting.HAPROXY_CFG, SiteSetting.HAPROXY_PID_FILE,
                SiteSetting.HAPROXY_MASTER_SOCKET, SiteSetting.APACHE_CONF)) {
            String path = path(setting);
            if (path != null) {
                SettingChecks.path(setting, path);
            }
        }
        nginxOptions.forEach(option -> SettingChecks.printable(SiteSetting.NGINX_OPTIONS, option));
        apacheOptions.forEach(option -> SettingChecks.printable(SiteSetting.APACHE_OPTIONS, option));
        probeEndpoint();
        if (serverName != null) {
            SettingChecks.hostName(SiteSetting.SERVER_NAME, serverName);
        }
        if (dhParams != null) {
            SettingChecks.printable(SiteSetting.DH_PARAMS, dhParams);
        }
        if (reportUri != null) {
            SettingChecks.printable(SiteSetting.REPORT_URI, reportUri);
            String problem = ReportUri.problem(reportUri);
            if (problem == null) {
                problem = ReportUriLines.problem(reportUri);
            }
            if (problem != null) {
                throw new InvalidSettingException(SiteSetting.REPORT_URI, problem);
            }
        }
        return this;
    }

    /** The probe's address, or null when there is no probe. */
    public Endpoint probeEndpoint() {
        return probe == null ? null : SettingChecks.endpoint(SiteSetting.PROBE, probe);
    }

    /** The SNI name the probe sends: {@link #serverName}, else {@code firstDomain}. */
    public String probeServerName(String firstDomain) {
        return serverName != null ? SettingChecks.hostName(SiteSetting.SERVER_NAME, serverName) : firstDomain;
    }

    /** The value of one of the path settings, or null. */
    String path(SiteSetting setting) {
        return switch (setting) {
            case NGINX_CONF -> nginxConf;
            case HAPROXY_CFG -> haproxyCfg;
            case HAPROXY_PID_FILE -> haproxyPidFile;
            case HAPROXY_MASTER_SOCKET -> haproxyMasterSocket;
            case APACHE_CONF -> apacheConf;
            default -> throw new IllegalArgumentException(setting + " is not a path");
        };
    }

    /**
     * A TCP endpoint.
     *
     * @param host an IP address literal or a DNS name
     * @param port 1 to 65535
     */
    public record Endpoint(String host, int port) {
    }

    /** The Strict-Transport-Security value to send, or null when HSTS is off. */
    public String hstsValue() {
        if (Boolean.FALSE.equals(hsts)) {
            return null;
        }
        return "max-age=" + HSTS_MAX_AGE + (Boolean.TRUE.equals(hstsPreload) ? "; includeSubDomains; preload" : "");
    }
}
