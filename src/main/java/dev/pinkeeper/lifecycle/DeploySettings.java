package dev.pinkeeper.lifecycle;

import static dev.pinkeeper.lifecycle.CaSettings.pick;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

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
        String serverName, String reportUri, String apacheConf, List<String> apacheOptions, String dhParams) {
    /** The file name in the site folder. */
    public static final String FILE = "deploy.json";
    /** HSTS max-age: one year, what the preload list requires. */
    public static final long HSTS_MAX_AGE = 31_536_000L;

    public DeploySettings {
        nginxOptions = nginxOptions == null ? List.of() : List.copyOf(nginxOptions);
        apacheOptions = apacheOptions == null ? List.of() : List.copyOf(apacheOptions);
        if (target != null) {
            target = target.toLowerCase(Locale.ROOT);
            if (!List.of("nginx", "haproxy", "apache", "none").contains(target)) {
                throw new IllegalArgumentException("--target must be nginx, haproxy, apache or none, not " + target);
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

    /** The Strict-Transport-Security value to send, or null when HSTS is off. */
    public String hstsValue() {
        if (Boolean.FALSE.equals(hsts)) {
            return null;
        }
        return "max-age=" + HSTS_MAX_AGE + (Boolean.TRUE.equals(hstsPreload) ? "; includeSubDomains; preload" : "");
    }
}
