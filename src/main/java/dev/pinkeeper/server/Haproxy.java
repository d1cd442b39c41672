package dev.pinkeeper.server;

import dev.pinkeeper.pin.HttpChars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * HAProxy (2.2 or later): the header lines, the map file a frontend reads its headers from, the check
 * that the config reads that map, the config test and the reload (master CLI or pid file).
 *
 * <ul>
 * <li>Header line: {@code http-after-response set-header NAME "VALUE"} (after {@link HeaderLineRules}).
 *     The value is a log-format string, so {@code %} becomes {@code %%}; inside the config reader's
 *     double quotes {@code \}, {@code "} and {@code $} (which would start {@code ${VARIABLE}}) are
 *     escaped with {@code \}. {@code http-after-response} is used rather than {@code http-response}
 *     because only it also applies to the responses HAProxy generates itself (errors such as 503 when
 *     no server is up, redirects, {@code http-request return}, stats): a pin or HSTS header missing
 *     from those would be a response a browser sees without it.</li>
 * <li>Map file ({@value #MAP_FILE} of every release): {@code NAME VALUE}. HAProxy reads a map line as a
 *     key, whitespace, then the rest of the line as the value, byte for byte: no quoting, no escape, no
 *     {@code %} or {@code $} expansion (only a line whose first non-blank character is {@code #} is a
 *     comment, and a header name cannot start with one). HAProxy has no include in a frontend, so the
 *     frontend reads the map through the {@link #linesReadingMap(Path)}, and a reload serves whatever
 *     release {@code live} names. Leading and trailing blanks of a value are dropped, as HTTP drops them.</li>
 * </ul>
 */
public final class Haproxy {
    /** The release file with the header lines (shown, not read: HAProxy cannot include it in a frontend). */
    public static final String HEADERS_FILE = "headers-haproxy.cfg";
    /** The release file the frontend reads its headers from. */
    public static final String MAP_FILE = "headers-haproxy.map";
    /** What a release holds instead of the lines when HAProxy cannot send one of its headers: a config test fails. */
    public static final String REFUSED_FILE = """
            # pinkeeper: a header of this release has a value HAProxy cannot send (see pinkeeper plan show);
            # the release was made for another server. HAProxy refuses these lines rather than serve it without it.
            pinkeeper-cannot-send-the-headers-of-this-release
            """;
    /**
     * The headers a frontend takes from the map file: pinkeeper writes their values, HAProxy sends each
     * one only while the map has an entry for it (report-only phase: no {@code Public-Key-Pins}).
     */
    public static final List<String> MAP_HEADERS = List.of("Public-Key-Pins", "Public-Key-Pins-Report-Only",
            "Strict-Transport-Security");
    /** Characters a map path may have inside the frontend lines (no quote, comma, parenthesis or blank). */
    private static final Pattern MAP_PATH = Pattern.compile("/[A-Za-z0-9_./+@=:-]*");

    /** Its header lines: key {@code haproxy}, heading "HAProxy 2.2 or later (frontend)". */
    public static final HeaderServer HEADER = new HeaderServer("haproxy", "HAProxy", "HAProxy 2.2 or later (frontend)", Haproxy::headerLine);

    private Haproxy() {
    }

    /** {@code http-after-response set-header NAME "VALUE"} for a frontend. */
    public static String headerLine(String name, String value) {
        HeaderLineRules.check(name, value);
        String quoted = value.replace("%", "%%").replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$");
        return "http-after-response set-header " + name + " \"" + quoted + "\"";
    }

    /** {@code NAME VALUE}: one line of the map file (see the class description). */
    public static String mapEntry(String name, String value) {
        HeaderLineRules.check(name, value);
        if (value.isBlank()) {
            throw new IllegalArgumentException("header " + name + ": an HAProxy map entry needs a value");
        }
        return name + " " + value.strip();
    }

    /**
     * The lines to paste once into a frontend instead of the headers: for each of {@link #MAP_HEADERS},
     * {@code http-after-response set-header NAME "%[str(NAME),map(MAP)]" if { str(NAME),map(MAP) -m found }}.
     * HAProxy reads {@code liveMap} (the site's {@code live/headers-haproxy.map}) at start and at every
     * reload, so each deployment's reload serves that release's headers, and a header the release does
     * not have is not sent.
     *
     * @param liveMap absolute path of the map through the site's {@code live} link
     * @throws IllegalArgumentException when the path is relative or has a character the lines cannot carry
     */
    public static List<String> linesReadingMap(Path liveMap) {
        String map = liveMap.toString();
        if (!MAP_PATH.matcher(map).matches()) {
            throw new IllegalArgumentException("HAProxy map path must be absolute and have only letters, digits"
                    + " and '_ . / + @ = : -' to be written in a frontend line: " + HttpChars.show(map));
        }
        return MAP_HEADERS.stream().map(name -> {
            String lookup = "str(" + name + "),map(" + map + ")";
            return "http-after-response set-header " + name + " \"%[" + lookup + "]\" if { " + lookup + " -m found }";
        }).toList();
    }

    /** {@link #masterSocketTarget(String, Path, Path)} with {@code haproxy} from PATH. */
    public static ServerTarget masterSocketTarget(Path config, Path masterSocket) {
        return masterSocketTarget("haproxy", config, masterSocket);
    }

    /**
     * HAProxy in master-worker mode, run by the binary at {@code haproxy}: {@code haproxy -c -q -f CONFIG}
     * tests, the master CLI command {@code reload} on {@code masterSocket} reloads; the reload returns once
     * none of the workers that accepted connections before still does (HAProxy reloads asynchronously).
     * Like every HAProxy target it refuses a deployment unless {@code config} reads the site's
     * {@code live/headers-haproxy.map} ({@link HaproxyMapCheck}).
     */
    public static ServerTarget masterSocketTarget(String haproxy, Path config, Path masterSocket) {
        List<String> test = List.of(haproxy, "-c", "-q", "-f", config.toString());
        List<String> start = List.of(haproxy, "-W", "-D", "-S", masterSocket.toString(), "-f", config.toString());
        return new CommandTarget("haproxy", test, () -> {
            if (!HaproxyMasterCli.listening(masterSocket)) {
                throw new ServerNotRunningException("HAProxy is not running (nothing listens on its master socket "
                        + masterSocket + ")", start);
            }
            long master = HaproxyMasterCli.masterPid(masterSocket);
            Set<Long> before = ProcFs.acceptingChildren(master);
            HaproxyMasterCli.send(masterSocket, "reload", Duration.ofSeconds(30));
            if (!before.isEmpty()) {
                ReloadWaits.awaitReplaced("HAProxy (master " + master + ")", master, before, ProcFs::acceptingChildren);
            }
        }, List.of(config), live -> HaproxyMapCheck.check(config, live), MAP_FILE);
    }

    /** {@link #pidFileTarget(String, Path, Path)} with {@code haproxy} from PATH. */
    public static ServerTarget pidFileTarget(Path config, Path pidFile) {
        return pidFileTarget("haproxy", config, pidFile);
    }

    /**
     * HAProxy started as a daemon with a pid file, run by the binary at {@code haproxy}: reloads by
     * starting a new process that takes over from the old ones ({@code haproxy -D -f CONFIG -p PIDFILE -sf
     * OLD_PIDS}), and returns once none of the old processes accepts connections. Refuses a deployment
     * unless {@code config} reads the site's {@code live/headers-haproxy.map}.
     */
    public static ServerTarget pidFileTarget(String haproxy, Path config, Path pidFile) {
        List<String> test = List.of(haproxy, "-c", "-q", "-f", config.toString());
        List<String> start = List.of(haproxy, "-D", "-f", config.toString(), "-p", pidFile.toString());
        return new CommandTarget("haproxy", test, () -> {
            List<String> command = new ArrayList<>(List.of(haproxy, "-D", "-f", config.toString(),
                    "-p", pidFile.toString(), "-sf"));
            List<String> old;
            try {
                old = Files.exists(pidFile) ? Arrays.asList(Files.readString(pidFile).strip().split("\\s+")) : List.of();
            } catch (IOException e) {
                throw new ServerException("cannot read HAProxy's pid file " + pidFile + ": " + e.getMessage(), e);
            }
            if (old.stream().noneMatch(pid -> runningPid(pid, haproxy))) {
                // a reload would start a new HAProxy that nothing asked for: say so instead
                throw new ServerNotRunningException("HAProxy is not running (no process of its pid file " + pidFile
                        + " runs)", start);
            }
            command.addAll(old);
            Commands.run(command, ReloadWaits.TIMEOUT);
            ReloadWaits.awaitStoppedAccepting("HAProxy (" + pidFile + ")", old);
        }, List.of(config), live -> HaproxyMapCheck.check(config, live), MAP_FILE);
    }

    /**
     * Whether {@code pid} (text from a pid file) names a running process of {@code program} (a pid file left
     * behind by a crash may name an unrelated process by now).
     */
    private static boolean runningPid(String pid, String program) {
        String name = Path.of(program).getFileName().toString();
        try {
            long id = Long.parseLong(pid);
            return ProcFs.running(id) && ProcFs.name(id).equals(name.substring(0, Math.min(15, name.length())));
        } catch (NumberFormatException notAPid) {
            return false;
        }
    }
}
