package dev.pinkeeper.testing;

import dev.pinkeeper.lifecycle.Programs;
import dev.pinkeeper.rehearse.LocalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy the classic way: a daemon ({@code haproxy -D -p PIDFILE}) whose processes are known
 * only through the pid file; reloads replace them ({@code -sf}). {@link #close} stops whatever
 * PIDs the pid file names.
 */
public final class HaproxyDaemon implements AutoCloseable {
    private final Path config;
    private final Path pidFile;

    private HaproxyDaemon(Path config, Path pidFile) {
        this.config = config;
        this.pidFile = pidFile;
    }

    /** Writes {@code haproxy.cfg} around {@code sections}, starts the daemon and waits for {@code port}. */
    public static HaproxyDaemon start(Path dir, String sections, int port) {
        try {
            Path config = Haproxy.writeConfig(dir, sections);
            Path pidFile = dir.resolve("haproxy.pid");
            Process process = new ProcessBuilder(List.of(Programs.locate("haproxy"), "-D", "-f", config.toString(),
                    "-p", pidFile.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("start.log").toFile())
                    .start();
            HaproxyDaemon daemon = new HaproxyDaemon(config, pidFile);
            if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                daemon.close(); // a daemon that forked before the start hung or failed
                throw new IllegalStateException("haproxy -D failed: " + Files.readString(dir.resolve("start.log")));
            }
            if (!LocalProcess.awaitListening(port, Duration.ofSeconds(20), () -> { })) {
                daemon.close();
                throw new IllegalStateException("haproxy daemon does not listen on " + port);
            }
            return daemon;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The config file. */
    public Path config() {
        return config;
    }

    /** The pid file. */
    public Path pidFile() {
        return pidFile;
    }

    /** The PIDs the pid file names now. */
    public Set<Long> pids() {
        try {
            Set<Long> pids = new TreeSet<>();
            Arrays.stream(Files.readString(pidFile).strip().split("\\s+")).filter(s -> !s.isEmpty())
                    .map(Long::valueOf).forEach(pids::add);
            return pids;
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Stops the processes named in the pid file (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        for (long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(LocalProcess::stop);
        }
    }
}
