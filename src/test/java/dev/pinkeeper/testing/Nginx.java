package dev.pinkeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An nginx master process (foreground, {@code daemon off}) with its own config, pid file, logs and
 * temp paths under one directory, listening on loopback ports. The caller gives the body of the
 * {@code http} block; {@link #start} waits for the given ports.
 */
public final class Nginx implements AutoCloseable {
    private final Path dir;
    private final Path config;
    private final ExternalProcess process;

    private Nginx(Path dir, Path config, ExternalProcess process) {
        this.dir = dir;
        this.config = config;
        this.process = process;
    }

    /** Writes {@code nginx.conf} around {@code httpBody}, starts nginx and waits for {@code ports}. */
    public static Nginx start(Path dir, String httpBody, int... ports) {
        try {
            Files.createDirectories(dir.resolve("temp"));
            Path config = dir.resolve("nginx.conf");
            Files.writeString(config, """
                    daemon off;
                    master_process on;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log notice;
                    events { worker_connections 64; }
                    http {
                      access_log off;
                      client_body_temp_path %1$s/temp/body;
                      proxy_temp_path %1$s/temp/proxy;
                      fastcgi_temp_path %1$s/temp/fastcgi;
                      uwsgi_temp_path %1$s/temp/uwsgi;
                      scgi_temp_path %1$s/temp/scgi;
                    %2$s
                    }
                    """.formatted(dir, httpBody));
            ExternalProcess process = ExternalProcess.start("nginx", List.of("nginx", "-c", config.toString(),
                    "-p", dir.toString(), "-e", dir.resolve("error.log").toString()),
                    Map.of(), dir, dir.resolve("stdout.log"));
            Nginx nginx = new Nginx(dir, config, process);
            try {
                for (int port : ports) {
                    process.awaitPort(port, Duration.ofSeconds(20));
                }
            } catch (RuntimeException e) {
                nginx.close();
                throw new IllegalStateException(e.getMessage() + "\n" + nginx.errorLog(), e);
            }
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The main config file. */
    public Path config() {
        return config;
    }

    /** The extra command-line arguments a reload must repeat ({@code -p}, {@code -e}). */
    public List<String> commandLineOptions() {
        return List.of("-p", dir.toString(), "-e", dir.resolve("error.log").toString());
    }

    /** The master's PID. */
    public long masterPid() {
        return process.pid();
    }

    /** The current worker PIDs (a reload replaces them). */
    public Set<Long> workerPids() {
        return ChildProcesses.of(process.pid());
    }

    /** How many reload signals the master has received so far (counted in its error log). */
    public int reloadCount() {
        Matcher m = Pattern.compile("signal 1 \\(SIGHUP\\) received").matcher(errorLog());
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    /** The error log. */
    public String errorLog() {
        try {
            Path log = dir.resolve("error.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable error log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
