package dev.pinkeeper.testing;

import dev.pinkeeper.rehearse.LocalNginx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An nginx master process (foreground, {@code daemon off}) with its own config, pid file, logs and
 * temp paths under one directory, listening on loopback ports: the rehearsal's {@link LocalNginx}
 * (one way to run nginx, in main sources) plus what tests observe (worker PIDs, reload count).
 */
public final class Nginx implements AutoCloseable {
    private final LocalNginx nginx;

    private Nginx(LocalNginx nginx) {
        this.nginx = nginx;
    }

    /** Writes {@code nginx.conf} around {@code httpBody}, starts nginx and waits for {@code ports}. */
    public static Nginx start(Path dir, String httpBody, int... ports) {
        try {
            return new Nginx(LocalNginx.start(dir, httpBody, ports));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A TLS server block on 127.0.0.1:{@code port} serving the release {@code live} points at, as a user
     * configures it: its {@code fullchain.pem}, {@code privkey.pem} and {@code include headers-nginx.conf}.
     */
    public static String releaseServer(int port, Path live) {
        return """
                  server {
                    listen 127.0.0.1:%1$d ssl;
                    ssl_certificate %2$s/fullchain.pem;
                    ssl_certificate_key %2$s/privkey.pem;
                    include %2$s/headers-nginx.conf;
                    location / { return 200 "ok\\n"; }
                  }
                """.formatted(port, live);
    }

    /** The {@code deploy} / {@code issue} options for an nginx run with {@code config} and {@code options}. */
    public static List<String> targetOptions(Path config, List<String> options) {
        List<String> all = new ArrayList<>(List.of("--target", "nginx", "--nginx-conf", config.toString()));
        options.forEach(option -> all.add("--nginx-option=" + option));
        return all;
    }

    /** nginx serving the release {@code live} points at on {@code port} (see {@link #releaseServer}). */
    public static Nginx servingRelease(Path dir, int port, Path live) {
        return start(dir, releaseServer(port, live), port);
    }

    /** The options of {@code pinkeeper deploy} that name this nginx: its config file and command-line options. */
    public List<String> deployOptions() {
        return targetOptions(config(), commandLineOptions());
    }

    /** The main config file. */
    public Path config() {
        return nginx.config();
    }

    /** The extra command-line arguments a reload must repeat ({@code -p}, {@code -e}). */
    public List<String> commandLineOptions() {
        return nginx.commandLineOptions();
    }

    /** The master's PID. */
    public long masterPid() {
        return nginx.masterPid();
    }

    /** The current worker PIDs (a reload replaces them). */
    public Set<Long> workerPids() {
        return ChildProcesses.of(nginx.masterPid());
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
        return nginx.errorLog();
    }

    @Override
    public void close() {
        nginx.close();
    }
}
