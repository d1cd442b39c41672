package dev.pinkeeper.cli;

import dev.pinkeeper.cli.options.SiteOption;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.pinkeeper.cli.options.AtOption;
import dev.pinkeeper.cli.options.Times;
import dev.pinkeeper.deploy.DhParameters;
import dev.pinkeeper.keys.KeyInventory;
import dev.pinkeeper.keys.SiteInventory;
import dev.pinkeeper.lifecycle.DeployResult;
import dev.pinkeeper.lifecycle.DeploySettings;
import dev.pinkeeper.lifecycle.InvalidSettingException;
import dev.pinkeeper.lifecycle.SiteDeployer;
import dev.pinkeeper.lifecycle.SiteSetting;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code deploy} and {@code issue} share: the site, the time, verbosity, and the deployment
 * settings (target, server files, HSTS, probe), which are saved in the site's deploy.json once a
 * deployment with them went live. Every value is checked before anything is written ({@link #settings}).
 */
final class DeployOptions {
    @Mixin
    SiteOption siteOption;

    @Mixin
    AtOption atOption;

    @Option(names = "--target", paramLabel = "nginx|haproxy|apache|none",
            description = "The server to test and reload (saved for later runs; default none: releases only).")
    String target;

    @Option(names = "--nginx-conf", paramLabel = "FILE", description = "nginx's main config file (nginx -t -c FILE).")
    Path nginxConf;

    @Option(names = "--nginx-option", paramLabel = "OPT",
            description = "An extra nginx command-line option the server runs with (-p PREFIX …); repeatable.")
    List<String> nginxOptions;

    @Option(names = "--haproxy-cfg", paramLabel = "FILE", description = "HAProxy's config file (haproxy -c -f FILE).")
    Path haproxyCfg;

    @Option(names = "--haproxy-pid-file", paramLabel = "FILE",
            description = "HAProxy runs as a daemon with this pid file: reload with -sf.")
    Path haproxyPidFile;

    @Option(names = "--haproxy-master-socket", paramLabel = "SOCKET",
            description = "HAProxy runs in master-worker mode: reload through this master CLI socket.")
    Path haproxyMasterSocket;

    @Option(names = "--apache-conf", paramLabel = "FILE",
            description = "Apache's main config file (apache2 -t -f FILE; reload: apache2 -f FILE -k graceful).")
    Path apacheConf;

    @Option(names = "--apache-option", paramLabel = "OPT",
            description = "An extra apache2 command-line option the server runs with (-d SERVERROOT, -D NAME …); repeatable.")
    List<String> apacheOptions;

    @Option(names = "--no-hsts", description = "Do not send Strict-Transport-Security (default: sent, max-age one year).")
    boolean noHsts;

    @Option(names = "--hsts", description = "Send Strict-Transport-Security again (after --no-hsts).")
    boolean hsts;

    @Option(names = "--hsts-preload", description = "Add includeSubDomains; preload to HSTS (only when you mean it).")
    boolean hstsPreload;

    @Option(names = "--probe", paramLabel = "HOST:PORT",
            description = "After the reload, this address must serve the new leaf key, else the release is rolled back.")
    String probe;

    @Option(names = "--server-name", paramLabel = "NAME", description = "SNI name for --probe (default: the site's first domain).")
    String serverName;

    @Option(names = "--report-uri", paramLabel = "URI", converter = HeaderOptionConverters.ReportUriConverter.class,
            description = "report-uri of the pin headers (where clients report pin failures) for a site without a"
                    + " plan yet: the plan made on its first deployment uses it (else set it with pinkeeper plan init).")
    String reportUri;

    @Option(names = "--dh-params", paramLabel = "FILE|ffdhe2048|ffdhe3072|ffdhe4096|none",
            description = "Diffie-Hellman parameters for the HAProxy bundle haproxy.pem (DHE cipher suites): an RFC 7919"
                    + " group by name, a PEM file of DH PARAMETERS (at least 2048 bits), or none (saved for later runs).")
    String dhParams;

    /** The site named by {@code --site}, which must exist in {@code inventory}. */
    String existingSite(KeyInventory inventory) {
        return StateOption.existingSite(inventory, siteOption.name());
    }

    /** The time of {@code --at} (checked against the site's clock: {@link Times#change}), else now; whole seconds. */
    Instant time(KeyInventory inventory, String site) {
        return atOption.change(inventory, site, false).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Prints the deployment's outcome (every step with {@code --verbose}, or one JSON document) and the
     * warnings about {@code keys} ({@link BackupWarnings}); returns the exit code.
     */
    int report(DeployResult result, boolean json, SiteInventory keys) {
        return LifecycleOutput.report(result, BackupWarnings.print(keys), json);
    }

    /** The settings given on this command line (null fields: not given). */
    DeploySettings given() {
        if (hsts && noHsts) {
            throw new UsageException("--no-hsts and --hsts: give one of them");
        }
        if (noHsts && hstsPreload) {
            throw new UsageException("--hsts-preload: HSTS is not sent with --no-hsts, so it cannot be preloaded");
        }
        Boolean hstsSetting = noHsts ? Boolean.FALSE : hsts ? Boolean.TRUE : null;
        try {
            return new DeploySettings(target, string(nginxConf), nginxOptions, string(haproxyCfg),
                    string(haproxyPidFile), string(haproxyMasterSocket), hstsSetting, hstsPreload ? Boolean.TRUE : null,
                    probe, serverName, reportUri, string(apacheConf), apacheOptions, dhParams());
        } catch (InvalidSettingException e) {
            throw SettingOptions.invalid(e, null, null);
        }
    }

    /** {@code --dh-params} checked (a group name, or a readable file of strong DH parameters), or null. */
    private String dhParams() {
        if (dhParams == null) {
            return null;
        }
        String setting = DhParameters.isName(dhParams) ? dhParams.toLowerCase(Locale.ROOT) : string(Path.of(dhParams));
        try {
            DhParameters.of(setting);
        } catch (IOException e) {
            throw new UsageException("--dh-params: cannot read " + dhParams + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dh-params: " + e.getMessage(), e);
        }
        return setting;
    }

    /**
     * The deployment settings to use: {@code saved} with the options given here replacing them and the
     * {@code cleared} ones forgotten, every value checked with the server's config file and program
     * ({@link SiteDeployer#check}) before anything is written.
     *
     * @throws UsageException naming the option (and, for a saved value, its file) that cannot work
     */
    DeploySettings settings(DeploySettings saved, Set<SiteSetting> cleared) {
        DeploySettings given = given();
        SettingOptions.givenOrCleared(given, cleared);
        // the settings file's defaults, below what the site saved and what is given here
        DeploySettings settings = SettingsDefaults.deploy().merge(saved).merge(given).without(cleared);
        try {
            SiteDeployer.check(settings);
        } catch (InvalidSettingException e) {
            throw SettingOptions.invalid(e, given, saved);
        }
        return settings;
    }

    /** Whether a deployment setting or its {@code --clear} is on this command line. */
    boolean anyGiven(Set<SiteSetting> cleared) {
        return !given().equals(DeploySettings.empty()) || cleared.stream().anyMatch(s -> !s.acme());
    }

    static String string(Path path) {
        return path == null ? null : path.toAbsolutePath().toString();
    }
}
