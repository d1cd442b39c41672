package dev.pinkeeper.lifecycle;

import dev.pinkeeper.deploy.ServerTarget;
import dev.pinkeeper.deploy.ServerTargets;
import java.nio.file.Path;
import java.util.List;

/** The {@link ServerTarget} a site's {@link DeploySettings} name. */
final class ServerTargetFactory {
    private ServerTargetFactory() {
    }

    static ServerTarget of(DeploySettings settings) {
        String target = settings.target() == null ? "none" : settings.target();
        switch (target) {
            case "nginx" -> {
                if (settings.nginxConf() == null) {
                    throw new IllegalArgumentException("--target nginx needs --nginx-conf FILE");
                }
                return ServerTargets.nginx(program("nginx", "nginx-light"), Path.of(settings.nginxConf()),
                        settings.nginxOptions());
            }
            case "apache" -> {
                if (settings.apacheConf() == null) {
                    throw new IllegalArgumentException("--target apache needs --apache-conf FILE");
                }
                return ServerTargets.apache(program("apache2", "apache2"), Path.of(settings.apacheConf()),
                        settings.apacheOptions());
            }
            case "haproxy" -> {
                if (settings.haproxyCfg() == null) {
                    throw new IllegalArgumentException("--target haproxy needs --haproxy-cfg FILE");
                }
                String haproxy = program("haproxy", "haproxy");
                if (settings.haproxyMasterSocket() != null) {
                    return ServerTargets.haproxyMasterSocket(haproxy, Path.of(settings.haproxyCfg()),
                            Path.of(settings.haproxyMasterSocket()));
                }
                if (settings.haproxyPidFile() == null) {
                    throw new IllegalArgumentException(
                            "--target haproxy needs --haproxy-pid-file FILE or --haproxy-master-socket SOCKET to reload");
                }
                return ServerTargets.haproxyPidFile(haproxy, Path.of(settings.haproxyCfg()),
                        Path.of(settings.haproxyPidFile()));
            }
            default -> {
                return none();
            }
        }
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
            throw new IllegalArgumentException(e.getMessage(), e);
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
