package dev.pinkeeper.server;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx's processes as Linux's {@code /proc} shows them. {@code nginx -s reload} only signals the
 * master and returns at once; the master then starts new workers and tells the old ones to stop
 * accepting. Until that has happened a client can still reach an old worker with the old
 * certificate and headers, so a reload is complete only when none of the workers that served
 * before still accepts connections (an old worker that finishes its requests is titled
 * "is shutting down").
 */
final class NginxProcesses {
    /** nginx's own words when its pid file names no process it could signal. */
    private static final Pattern NO_MASTER = Pattern.compile("open\\(\\) \"[^\"]*\" failed \\(2: No such file or directory\\)"
            + "|invalid PID number \"[^\"]*\" in \"[^\"]*\"|kill\\(\\d+, 1\\) failed \\(3: No such process\\)");

    private NginxProcesses() {
    }

    /**
     * What {@code nginx -s reload} said when no master runs for the configuration's pid file (the file is
     * missing or empty, or its process is gone): the reason, quoted; empty for any other failure.
     */
    static Optional<String> noMaster(String reloadError) {
        Matcher matcher = NO_MASTER.matcher(reloadError);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }

    /** The master started with this configuration file, if /proc shows one. */
    static OptionalLong master(Path config) {
        String wanted = config.toAbsolutePath().normalize().toString();
        for (long pid : ProcFs.processes()) {
            String title = ProcFs.commandLine(pid);
            if (title.startsWith("nginx: master process") && title.contains(wanted)) {
                return OptionalLong.of(pid);
            }
        }
        return OptionalLong.empty();
    }

    /** The master's workers that accept connections (not those shutting down). */
    static Set<Long> acceptingWorkers(long master) {
        Set<Long> workers = new HashSet<>();
        for (long pid : ProcFs.children(master)) {
            String title = ProcFs.commandLine(pid);
            if (title.startsWith("nginx: worker process") && !title.contains("shutting down")) {
                workers.add(pid);
            }
        }
        return workers;
    }
}
