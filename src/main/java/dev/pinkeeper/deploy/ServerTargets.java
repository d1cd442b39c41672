package dev.pinkeeper.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@link ServerTarget}s pinkeeper knows: nginx, Apache httpd, HAProxy (master CLI or pid file), any commands. */
public final class ServerTargets {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(30);

    private ServerTargets() {
    }

    /**
     * nginx: {@code nginx -t -q -c CONFIG OPTIONS…} tests, {@code nginx -s reload -c CONFIG OPTIONS…}
     * reloads (the master finds its pid file through the config's {@code pid} directive).
     *
     * @param options extra command-line options the server was started with ({@code -p PREFIX}, {@code -e LOG}, {@code -g …})
     */
    public static ServerTarget nginx(Path config, List<String> options) {
        return nginx("nginx", config, options);
    }

    /**
     * nginx run by the binary at {@code nginx} (a path or a name on PATH); the reload returns
     * only once the master has replaced every worker that accepted connections before it.
     */
    public static ServerTarget nginx(String nginx, Path config, List<String> options) {
        List<String> test = concat(List.of(nginx, "-t", "-q", "-c", config.toString()), options);
        List<String> reload = concat(List.of(nginx, "-s", "reload", "-c", config.toString()), options);
        List<String> start = concat(List.of(nginx, "-c", config.toString()), options);
        return target("nginx", test, () -> {
            OptionalLong master = NginxProcesses.master(config);
            Set<Long> before = master.isPresent() ? NginxProcesses.acceptingWorkers(master.getAsLong()) : Set.of();
            try {
                Commands.run(reload, TIMEOUT);
            } catch (ServerException e) {
                Optional<String> stopped = NginxProcesses.noMaster(e.getMessage());
                if (stopped.isPresent()) {
                    throw new ServerNotRunningException("nginx is not running (" + stopped.get() + ")", start);
                }
                throw e;
            }
            if (master.isPresent() && !before.isEmpty()) {
                awaitReplaced("nginx (master " + master.getAsLong() + ")", master.getAsLong(), before,
                        NginxProcesses::acceptingWorkers);
            }
        }, List.of(config), store -> {
        }, Release.NGINX_HEADERS);
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
    public static ServerTarget apache(String apache2, Path config, List<String> options) {
        List<String> base = apacheCommand(apache2, config, options);
        List<String> test = concat(base, List.of("-t"));
        List<String> runConfig = concat(base, List.of("-t", "-D", "DUMP_RUN_CFG"));
        List<String> graceful = concat(base, List.of("-k", "graceful"));
        List<String> start = concat(base, List.of("-k", "start"));
        return target("apache", test, () -> {
            Path pidFile = apachePidFile(Commands.run(runConfig, TIMEOUT), config);
            long parent = ApacheProcesses.parent(pidFile, apache2).orElseThrow(() -> new ServerNotRunningException(
                    "Apache is not running (no " + apache2 + " process has the pid in " + pidFile + ")", start));
            Set<Long> before = ProcFs.acceptingChildren(parent);
            Commands.run(graceful, TIMEOUT);
            awaitReplaced("Apache (parent " + parent + ")", parent, before, ProcFs::acceptingChildren);
        }, List.of(config), store -> {
        }, Release.APACHE_HEADERS);
    }

    /** {@code apache2 -f CONFIG OPTIONS…}, behind {@code sh} reading {@code envvars} where the config has one. */
    private static List<String> apacheCommand(String apache2, Path config, List<String> options) {
        List<String> command = concat(List.of(apache2, "-f", config.toString()), options);
        Path envvars = config.toAbsolutePath().resolveSibling("envvars");
        if (!Files.isRegularFile(envvars)) {
            return command;
        }
        return concat(List.of("sh", "-c", "export APACHE_CONFDIR=\"${0%/*}\"; . \"$0\" && exec \"$@\"",
                envvars.toString()), command);
    }

    /** The PidFile that {@code apache2 -t -D DUMP_RUN_CFG} prints (resolved against ServerRoot). */
    private static Path apachePidFile(String runConfig, Path config) throws ServerException {
        Matcher pid = Pattern.compile("(?m)^PidFile: \"(.*)\"$").matcher(runConfig);
        if (!pid.find()) {
            throw new ServerException("Apache does not say which PidFile " + config + " uses");
        }
        return Path.of(pid.group(1));
    }

    /**
     * Waits until every process of {@code parent} that accepts connections is a new one (none of
     * {@code before}, at least one); fails at once when the parent exits.
     */
    private static void awaitReplaced(String server, long parent, Set<Long> before, Accepting accepting)
            throws ServerException {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (true) {
            if (!ProcFs.running(parent)) {
                throw new ServerException(server + " exited on the reload: see its error log");
            }
            Set<Long> now = accepting.of(parent);
            if (!now.isEmpty() && now.stream().noneMatch(before::contains)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ServerException(server + " did not replace its processes within "
                        + RELOAD_WAIT.toSeconds() + " s of the reload: see its error log");
            }
            pause(server);
        }
    }

    /**
     * Waits until none of the {@code old} processes accepts connections any more (they exit, or
     * stop listening once the new process is ready and tells them to finish).
     */
    private static void awaitStoppedAccepting(String server, List<String> old) throws ServerException {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (true) {
            Set<String> listening = ProcFs.listeningSockets();
            boolean accepting = false;
            for (String pid : old) {
                try {
                    long id = Long.parseLong(pid);
                    accepting |= ProcFs.running(id) && ProcFs.holdsAny(id, listening);
                } catch (NumberFormatException notAPid) {
                    // nothing to wait for
                }
            }
            if (!accepting) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ServerException(server + ": the old processes " + old + " still accept connections "
                        + RELOAD_WAIT.toSeconds() + " s after the reload: see its log");
            }
            pause(server);
        }
    }

    private static void pause(String server) throws ServerException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted while waiting for " + server + " to reload", e);
        }
    }

    /** The processes of a server's parent that accept connections now. */
    @FunctionalInterface
    private interface Accepting {
        Set<Long> of(long parent);
    }

    /**
     * HAProxy in master-worker mode: {@code haproxy -c -q -f CONFIG} tests, the master CLI command
     * {@code reload} on {@code masterSocket} reloads; the reload returns once none of the workers that
     * accepted connections before still does (HAProxy reloads asynchronously). Like every HAProxy target it refuses a deployment
     * unless {@code config} reads the site's {@code live/headers-haproxy.map}
     * (see {@link dev.pinkeeper.pin.HeaderConfigLines#haproxyFromMap}).
     */
    public static ServerTarget haproxyMasterSocket(Path config, Path masterSocket) {
        return haproxyMasterSocket("haproxy", config, masterSocket);
    }

    /** {@link #haproxyMasterSocket(Path, Path)} with the binary at {@code haproxy} (a path or a name on PATH). */
    public static ServerTarget haproxyMasterSocket(String haproxy, Path config, Path masterSocket) {
        List<String> test = List.of(haproxy, "-c", "-q", "-f", config.toString());
        List<String> start = List.of(haproxy, "-W", "-D", "-S", masterSocket.toString(), "-f", config.toString());
        return target("haproxy", test, () -> {
            if (!HaproxyMasterCli.listening(masterSocket)) {
                throw new ServerNotRunningException("HAProxy is not running (nothing listens on its master socket "
                        + masterSocket + ")", start);
            }
            long master = HaproxyMasterCli.masterPid(masterSocket);
            Set<Long> before = ProcFs.acceptingChildren(master);
            HaproxyMasterCli.send(masterSocket, "reload", Duration.ofSeconds(30));
            if (!before.isEmpty()) {
                awaitReplaced("HAProxy (master " + master + ")", master, before, ProcFs::acceptingChildren);
            }
        }, List.of(config), store -> HaproxyMapCheck.check(config, store), Release.HAPROXY_MAP);
    }

    /**
     * HAProxy started as a daemon with a pid file: reloads by starting a new process that takes over
     * from the old ones ({@code haproxy -D -f CONFIG -p PIDFILE -sf OLD_PIDS}), and returns once none
     * of the old processes accepts connections. Refuses a deployment unless {@code config} reads the
     * site's {@code live/headers-haproxy.map}.
     */
    public static ServerTarget haproxyPidFile(Path config, Path pidFile) {
        return haproxyPidFile("haproxy", config, pidFile);
    }

    /** {@link #haproxyPidFile(Path, Path)} with the binary at {@code haproxy} (a path or a name on PATH). */
    public static ServerTarget haproxyPidFile(String haproxy, Path config, Path pidFile) {
        List<String> test = List.of(haproxy, "-c", "-q", "-f", config.toString());
        List<String> start = List.of(haproxy, "-D", "-f", config.toString(), "-p", pidFile.toString());
        return target("haproxy", test, () -> {
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
            Commands.run(command, TIMEOUT);
            awaitStoppedAccepting("HAProxy (" + pidFile + ")", old);
        }, List.of(config), store -> HaproxyMapCheck.check(config, store), Release.HAPROXY_MAP);
    }

    /** Any server: a test command and a reload command (each must exit 0 on success). */
    public static ServerTarget commands(String name, List<String> testCommand, List<String> reloadCommand,
            List<Path> configFiles) {
        List<String> reload = List.copyOf(reloadCommand);
        return target(name, testCommand, () -> Commands.run(reload, TIMEOUT), configFiles);
    }

    /** How a server is told to reload. */
    @FunctionalInterface
    private interface Reload {
        void run() throws ServerException;
    }

    /** What a server must read through {@code live} (see {@link ServerTarget#checkFollowsLive}). */
    @FunctionalInterface
    private interface LiveCheck {
        void check(ReleaseStore store) throws ServerException;
    }

    /** A target that tests with {@code testCommand} (none when empty) and reloads with {@code reload}. */
    private static ServerTarget target(String name, List<String> testCommand, Reload reload, List<Path> configFiles) {
        return target(name, testCommand, reload, configFiles, store -> {
        }, null);
    }

    /**
     * {@link #target(String, List, Reload, List)} that also checks, before a switch, that the server follows
     * {@code live}, and reads its headers from the release file {@code headerFile} (null: not known).
     */
    private static ServerTarget target(String name, List<String> testCommand, Reload reload, List<Path> configFiles,
            LiveCheck liveCheck, String headerFile) {
        List<String> test = List.copyOf(testCommand);
        List<Path> configs = List.copyOf(configFiles);
        return new ServerTarget() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void checkFollowsLive(ReleaseStore store) throws ServerException {
                liveCheck.check(store);
            }

            @Override
            public java.util.Optional<String> headerFile() {
                return java.util.Optional.ofNullable(headerFile);
            }

            @Override
            public void configTest() throws ServerException {
                if (!test.isEmpty()) {
                    Commands.run(test, TIMEOUT);
                }
            }

            @Override
            public void reload() throws ServerException {
                reload.run();
            }

            @Override
            public List<Path> configFiles() {
                return configs;
            }
        };
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

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
