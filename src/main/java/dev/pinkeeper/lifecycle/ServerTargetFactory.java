package dev.pinkeeper.lifecycle;

import dev.pinkeeper.server.Nginx;
import dev.pinkeeper.server.Apache;
import dev.pinkeeper.server.Haproxy;
import dev.pinkeeper.server.ServerTarget;
import java.nio.file.Path;
import java.util.List;

/** The {@link ServerTarget} a site's {@link DeploySettings} name. */
final class ServerTargetFactory {
    private ServerTargetFactory() {
    }

    /**
     * The server the settings name, after checking that its config file is a readable file and its
     * program installed; nothing is run.
     *
     * @throws InvalidSettingException naming the setting that is missing or wrong
     */
    static ServerTarget of(DeploySettings settings) {
        String target = settings.target() == null ? "none" : settings.target();
        switch (target) {
            case "nginx" -> {
                String nginx = program("nginx", "nginx-light");
                return Nginx.target(nginx, config(settings, SiteSetting.NGINX_CONF, "nginx"),
                        settings.nginxOptions());
            }
            case "apache" -> {
                String apache2 = program("apache2", "apache2");
                return Apache.target(apache2, config(settings, SiteSetting.APACHE_CONF, "Apache"),
                        settings.apacheOptions());
            }
            case "haproxy" -> {
                String haproxy = program("haproxy", "haproxy");
                Path config = config(settings, SiteSetting.HAPROXY_CFG, "HAProxy");
                if (settings.haproxyMasterSocket() != null) {
                    return Haproxy.masterSocketTarget(haproxy, config,
                            SettingChecks.path(SiteSetting.HAPROXY_MASTER_SOCKET, settings.haproxyMasterSocket()));
                }
                if (settings.haproxyPidFile() == null) {
                    throw new InvalidSettingException(SiteSetting.HAPROXY_PID_FILE, "HAProxy is reloaded through its"
                            + " pid file (daemon mode) or its master CLI socket (master-worker mode): neither is set");
                }
                return Haproxy.pidFileTarget(haproxy, config,
                        SettingChecks.path(SiteSetting.HAPROXY_PID_FILE, settings.haproxyPidFile()));
            }
            default -> {
                return none();
            }
        }
    }

    /** The server's config file, which must be set and readable. */
    private static Path config(DeploySettings settings, SiteSetting setting, String server) {
        String file = settings.path(setting);
        if (file == null) {
            throw new InvalidSettingException(setting, server + " is the target: its main config file is needed");
        }
        return SettingChecks.readableFile(setting, file);
    }

    /**
     * The program's path (by its path: /usr/sbin is not on an ordinary user's PATH).
     *
     * @throws IllegalArgumentException one line naming the program and its package when it is not installed
     */
    private static String program(String name, String debianPackage) {
        try {
            return Programs.find(name, debianPackage).toString();
        } catch (Programs.MissingProgramException e) {
            throw new InvalidSettingException(SiteSetting.TARGET, e.getMessage(), e);
        }
    }

    /** No server: releases are written and {@code live} switched; something else serves them. */
    static ServerTarget none() {
        return new ServerTarget() {
            @Override
            public String name() {
                return "no server";
            }

            @Override
            public void configTest() {
            }

            @Override
            public void reload() {
            }

            @Override
            public List<Path> configFiles() {
                return List.of();
            }
        };
    }
}
