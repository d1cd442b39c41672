package dev.pinkeeper.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * nginx: the header line it sends on every response, the release file it includes, its config test
 * and its reload.
 *
 * <p>Header line: {@code add_header NAME 'VALUE' always;} (after {@link HeaderLineRules}). The config
 * reader unescapes {@code \\}, {@code \'} and {@code \"} and turns {@code \n}, {@code \r}, {@code \t}
 * into control characters, so {@code \} is written {@code \\} and {@code '} as {@code \'}. A {@code $}
 * is refused: add_header expands {@code $variables} and nginx has no escape for {@code $}.
 */
public final class Nginx {
    /** The release file an {@code include} in a server block reads. */
    public static final String HEADERS_FILE = "headers-nginx.conf";
    /** What a release holds instead of the lines when nginx cannot send one of its headers: a config test fails. */
    public static final String REFUSED_FILE = """
            # pinkeeper: a header of this release has a value nginx cannot send (see pinkeeper plan show);
            # the release was made for another server. nginx refuses this file rather than serve it without it.
            pinkeeper_cannot_send_the_headers_of_this_release;
            """;

    /** Its header lines: key {@code nginx}, heading "nginx (server or location block)". */
    public static final HeaderServer HEADER = new HeaderServer("nginx", "nginx", "nginx (server or location block)", Nginx::headerLine);

    private Nginx() {
    }

    /** {@code add_header NAME 'VALUE' always;} for a server or location block. */
    public static String headerLine(String name, String value) {
        HeaderLineRules.check(name, value);
        int dollar = value.indexOf('$');
        if (dollar >= 0) {
            throw HeaderLineRules.refused(name, value, dollar, "nginx",
                    "add_header expands $variables and has no escape for '$'");
        }
        return "add_header " + name + " '" + value.replace("\\", "\\\\").replace("'", "\\'") + "' always;";
    }

    /** {@link #target(String, Path, List)} with {@code nginx} from PATH. */
    public static ServerTarget target(Path config, List<String> options) {
        return target("nginx", config, options);
    }

    /**
     * nginx run by the binary at {@code nginx} (a path or a name on PATH): {@code nginx -t -q -c CONFIG
     * OPTIONS…} tests, {@code nginx -s reload -c CONFIG OPTIONS…} reloads (the master finds its pid file
     * through the config's {@code pid} directive); the reload returns only once the master has replaced
     * every worker that accepted connections before it.
     *
     * @param options extra command-line options the server was started with ({@code -p PREFIX}, {@code -e LOG}, {@code -g …})
     */
    public static ServerTarget target(String nginx, Path config, List<String> options) {
        List<String> test = CommandTarget.concat(List.of(nginx, "-t", "-q", "-c", config.toString()), options);
        List<String> reload = CommandTarget.concat(List.of(nginx, "-s", "reload", "-c", config.toString()), options);
        List<String> start = CommandTarget.concat(List.of(nginx, "-c", config.toString()), options);
        return new CommandTarget("nginx", test, () -> {
            OptionalLong master = NginxProcesses.master(config);
            Set<Long> before = master.isPresent() ? NginxProcesses.acceptingWorkers(master.getAsLong()) : Set.of();
            try {
                Commands.run(reload, ReloadWaits.TIMEOUT);
            } catch (ServerException e) {
                Optional<String> stopped = NginxProcesses.noMaster(e.getMessage());
                if (stopped.isPresent()) {
                    throw new ServerNotRunningException("nginx is not running (" + stopped.get() + ")", start);
                }
                throw e;
            }
            if (master.isPresent() && !before.isEmpty()) {
                ReloadWaits.awaitReplaced("nginx (master " + master.getAsLong() + ")", master.getAsLong(), before,
                        NginxProcesses::acceptingWorkers);
            }
        }, List.of(config), live -> {
        }, HEADERS_FILE);
    }
}
