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
                // the binary by its path: /usr/sbin/nginx is not on an ordinary user's PATH
                String nginx = Programs.locate("nginx");
                return ServerTargets.nginx(nginx, Path.of(settings.nginxConf()), settings.nginxOptions());
            }
            case "haproxy" -> {
                if (settings.haproxyCfg() == null) {
                    throw new IllegalArgumentException("--target haproxy needs --haproxy-cfg FILE");
                }
                if (settings.haproxyMasterSocket() != null) {
                    return ServerTargets.haproxyMasterSocket(Path.of(settings.haproxyCfg()),
                            Path.of(settings.haproxyMasterSocket()));
                }
                if (settings.haproxyPidFile() == null) {
                    throw new IllegalArgumentException(
                            "--target haproxy needs --haproxy-pid-file FILE or --haproxy-master-socket SOCKET to reload");
                }
                return ServerTargets.haproxyPidFile(Path.of(settings.haproxyCfg()), Path.of(settings.haproxyPidFile()));
            }
            default -> {
                return none();
            }
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
