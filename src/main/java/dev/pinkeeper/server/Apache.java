package dev.pinkeeper.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache httpd: the header line it sends on every response, the release file it includes, its config
 * test and its graceful reload.
 *
 * <p>Header line: {@code Header always set NAME "VALUE"} (mod_headers, after {@link HeaderLineRules}).
 * mod_headers reads the value as a format string ({@code %x} specifiers, {@code \n}/{@code \t} escapes),
 * so {@code %} becomes {@code %%} and {@code \} becomes {@code \\}; then the config reader's double
 * quotes need {@code \\} and {@code \"}: a single {@code \} is written as four. Refused: <code>${</code>
 * (the config reader substitutes {@code ${VARIABLE}} in every line and has no escape for it) and a value
 * starting with {@code expr=} (mod_headers evaluates it as an expression).
 */
public final class Apache {
    /** The release file an {@code Include} in a virtual host reads. */
    public static final String HEADERS_FILE = "headers-apache.conf";
    /** What a release holds instead of the lines when Apache cannot send one of its headers: a config test fails. */
    public static final String REFUSED_FILE = """
            # pinkeeper: a header of this release has a value Apache cannot send (see pinkeeper plan show);
            # the release was made for another server. Apache refuses this file rather than serve it without it.
            Error "pinkeeper: Apache cannot send the headers of this release (see the comment above)"
            """;

    /** Its header lines: key {@code apache}, heading "Apache httpd (mod_headers)". */
    public static final HeaderServer HEADER = new HeaderServer("apache", "Apache", "Apache httpd (mod_headers)", Apache::headerLine);

    private Apache() {
    }

    /** {@code Header always set NAME "VALUE"} (mod_headers) for a virtual host. */
    public static String headerLine(String name, String value) {
        HeaderLineRules.check(name, value);
        int variable = value.indexOf("${");
        if (variable >= 0) {
            throw HeaderLineRules.refused(name, value, variable, "Apache",
                    "its config reader substitutes ${VARIABLE} and has no escape for it");
        }
        if (value.startsWith("expr=")) {
            throw new IllegalArgumentException("header " + name + ": Apache cannot send a value starting with 'expr='"
                    + " (mod_headers evaluates it as an expression)");
        }
        String format = value.replace("\\", "\\\\").replace("%", "%%");
        return "Header always set " + name + " \"" + format.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Apache httpd run by the binary at {@code apache2} (a path or a name on PATH; {@code httpd} elsewhere):
     * {@code apache2 -f CONFIG OPTIONS… -t} tests, {@code apache2 -f CONFIG OPTIONS… -k graceful} reloads
     * gracefully (open connections finish on the old children). The reload returns only once every child
     * that accepts connections belongs to the new generation; it fails, without starting anything, when
     * no Apache runs for the pid file the configuration names, and when the parent exits on the restart
     * (a certificate or key it cannot load ends Apache, and {@code -t} does not load them: see its error log).
     * Where an {@code envvars} file sits beside the config (Debian's /etc/apache2 layout) every command
     * reads it first, as {@code apache2ctl} does, so that {@code ${APACHE_RUN_DIR}} and the like are defined.
     *
     * @param options extra command-line options the server was started with ({@code -d SERVERROOT}, {@code -D NAME}, …)
     */
    public static ServerTarget target(String apache2, Path config, List<String> options) {
        List<String> base = command(apache2, config, options);
        List<String> test = CommandTarget.concat(base, List.of("-t"));
        List<String> runConfig = CommandTarget.concat(base, List.of("-t", "-D", "DUMP_RUN_CFG"));
        List<String> graceful = CommandTarget.concat(base, List.of("-k", "graceful"));
        List<String> start = CommandTarget.concat(base, List.of("-k", "start"));
        return new CommandTarget("apache", test, () -> {
            Path pidFile = pidFile(Commands.run(runConfig, ReloadWaits.TIMEOUT), config);
            long parent = ApacheProcesses.parent(pidFile, apache2).orElseThrow(() -> new ServerNotRunningException(
                    "Apache is not running (no " + apache2 + " process has the pid in " + pidFile + ")", start));
            Set<Long> before = ProcFs.acceptingChildren(parent);
            Commands.run(graceful, ReloadWaits.TIMEOUT);
            ReloadWaits.awaitReplaced("Apache (parent " + parent + ")", parent, before, ProcFs::acceptingChildren);
        }, List.of(config), live -> {
        }, HEADERS_FILE);
    }

    /** {@code apache2 -f CONFIG OPTIONS…}, behind {@code sh} reading {@code envvars} where the config has one. */
    private static List<String> command(String apache2, Path config, List<String> options) {
        List<String> command = CommandTarget.concat(List.of(apache2, "-f", config.toString()), options);
        Path envvars = config.toAbsolutePath().resolveSibling("envvars");
        if (!Files.isRegularFile(envvars)) {
            return command;
        }
        return CommandTarget.concat(List.of("sh", "-c", "export APACHE_CONFDIR=\"${0%/*}\"; . \"$0\" && exec \"$@\"",
                envvars.toString()), command);
    }

    /** The PidFile that {@code apache2 -t -D DUMP_RUN_CFG} prints (resolved against ServerRoot). */
    private static Path pidFile(String runConfig, Path config) throws ServerException {
        Matcher pid = Pattern.compile("(?m)^PidFile: \"(.*)\"$").matcher(runConfig);
        if (!pid.find()) {
            throw new ServerException("Apache does not say which PidFile " + config + " uses");
        }
        return Path.of(pid.group(1));
    }
}
