package dev.pinkeeper.rehearse;

import dev.pinkeeper.lifecycle.Programs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An nginx master process (foreground, {@code daemon off}) with its own config, pid file, logs and temp
 * paths under one directory, listening on loopback ports. The caller gives the body of the
 * {@code http} block.
 */
public final class LocalNginx implements AutoCloseable {
    private final Path dir;
    private final Path config;
    private final LocalProcess process;

    private LocalNginx(Path dir, Path config, LocalProcess process) {
        this.dir = dir;
        this.config = config;
        this.process = process;
    }

    /** Writes {@code nginx.conf} around {@code httpBody}, starts nginx and waits for {@code ports}. */
    public static LocalNginx start(Path dir, String httpBody, int... ports) throws IOException {
        Path config = writeConfig(dir, httpBody);
        LocalNginx nginx = new LocalNginx(dir, config, LocalProcess.start("nginx",
                List.of(Programs.locate("nginx"), "-c", config.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString()),
                Map.of(), dir, dir.resolve("stdout.log")));
        try {
            nginx.process.awaitPorts(Duration.ofSeconds(20), ports);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + nginx.errorLog(), e);
        }
        return nginx;
    }

    /**
     * Writes {@code dir/nginx.conf} around {@code httpBody} without starting nginx (what {@link #start}
     * runs with; its command-line options are {@link #commandLineOptions(Path)}).
     */
    public static Path writeConfig(Path dir, String httpBody) throws IOException {
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
        return config;
    }

    /** The main config file. */
    public Path config() {
        return config;
    }

    /** The extra command-line options a config test or reload must repeat ({@code -p}, {@code -e}). */
    public List<String> commandLineOptions() {
        return commandLineOptions(dir);
    }

    /** The extra command-line options of an nginx run from {@code dir} ({@code -p}, {@code -e}). */
    public static List<String> commandLineOptions(Path dir) {
        return List.of("-p", dir.toString(), "-e", dir.resolve("error.log").toString());
    }

    /** The master's PID. */
    public long masterPid() {
        return process.pid();
    }

    /** The error log. */
    public String errorLog() {
        return LocalProcess.readLog(dir.resolve("error.log"));
    }

    @Override
    public void close() {
        process.close();
    }
}
